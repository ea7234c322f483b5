{{/*
Names, labels and the pieces every flowerstream pod shares.
*/}}

{{- define "flowerstream.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* "<release>-<chart>", or the release alone where it already holds the chart name. */}}
{{- define "flowerstream.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* A component's resource name: (dict "root" $ "component" "classifier"). */}}
{{- define "flowerstream.componentName" -}}
{{- printf "%s-%s" (include "flowerstream.fullname" .root) .component | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "flowerstream.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Selector labels: (dict "root" $ "component" "classifier"). */}}
{{- define "flowerstream.selectorLabels" -}}
app.kubernetes.io/name: {{ include "flowerstream.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- with .component }}
app.kubernetes.io/component: {{ . }}
{{- end }}
{{- end }}

{{/* Every object's labels: (dict "root" $ "component" "classifier"); component may be empty. */}}
{{- define "flowerstream.labels" -}}
helm.sh/chart: {{ include "flowerstream.chart" .root }}
{{ include "flowerstream.selectorLabels" . }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/part-of: flowerstream
{{- end }}

{{/* The image of a component: (dict "root" $ "component" "trainer" "gpu" true); GPU adds "-cuda". */}}
{{- define "flowerstream.image" -}}
{{- $image := .root.Values.image }}
{{- $tag := default .root.Chart.AppVersion $image.tag }}
{{- if .gpu }}{{ $tag = printf "%s-cuda" $tag }}{{ end }}
{{- $repository := printf "%s/%s" $image.repository .component }}
{{- if $image.registry }}{{ $repository = printf "%s/%s" (trimSuffix "/" $image.registry) $repository }}{{ end }}
{{- printf "%s:%s" $repository $tag }}
{{- end }}

{{/* A model version: "champion" or a whole number; anything else fails the render. */}}
{{- define "flowerstream.modelVersion" -}}
{{- $version := toString .version }}
{{- if not (regexMatch "^(champion|[0-9]+)$" $version) }}
{{- fail (printf "%s must be \"champion\" or a version number, not %q" .key $version) }}
{{- end }}
{{- $version }}
{{- end }}

{{/* A replica count checked against the partitions: (dict "root" $ "key" "classifier.replicas" "value" 3). */}}
{{- define "flowerstream.checkPartitions" -}}
{{- $partitions := int .root.Values.kafka.partitions }}
{{- if gt (int .value) $partitions }}
{{- fail (printf "%s is %d, but the image topics have %d partitions (kafka.partitions): a Kafka Streams classifier cannot use more replicas than partitions. Lower %s or add partitions and raise kafka.partitions." .key (int .value) $partitions .key) }}
{{- end }}
{{- end }}

{{/* Environment every service reads: shared config, S3 credentials by reference, Kafka secrets. */}}
{{- define "flowerstream.commonEnvFrom" -}}
- configMapRef:
    name: {{ include "flowerstream.fullname" . }}
{{- with .Values.kafka.existingSecret }}
- secretRef:
    name: {{ . }}
{{- end }}
{{- end }}

{{/* Static S3 keys from the Secret s3.existingSecret names; none when it is empty: then the services
take credentials from the pod (web identity token, instance profile), the default AWS chain. */}}
{{- define "flowerstream.s3CredentialsEnv" -}}
{{- with .Values.s3.existingSecret -}}
- name: S3_ACCESS_KEY
  valueFrom:
    secretKeyRef:
      name: {{ . }}
      key: {{ $.Values.s3.accessKeyKey }}
- name: S3_SECRET_KEY
  valueFrom:
    secretKeyRef:
      name: {{ . }}
      key: {{ $.Values.s3.secretKeyKey }}
{{- end }}
{{- end }}

{{/* The ServiceAccount the pods run as. */}}
{{- define "flowerstream.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "flowerstream.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* Pod-level settings every service pod shares: its ServiceAccount, pull secrets, security context. */}}
{{- define "flowerstream.podCommon" -}}
serviceAccountName: {{ include "flowerstream.serviceAccountName" . }}
automountServiceAccountToken: {{ .Values.serviceAccount.automountToken }}
{{- with .Values.image.pullSecrets }}
imagePullSecrets:
  {{- range . }}
  - name: {{ . }}
  {{- end }}
{{- end }}
securityContext:
  {{- toYaml .Values.podSecurityContext | nindent 2 }}
{{- end }}

{{/* Kafka Streams standby replicas: classifier.standbyReplicas, or 1 when more than one replica can run. */}}
{{- define "flowerstream.standbyReplicas" -}}
{{- $v := .Values.classifier }}
{{- if kindIs "invalid" $v.standbyReplicas }}
{{- $most := int $v.replicas }}
{{- if or $v.autoscaling.enabled $v.autoscaling.keda.enabled }}{{ $most = int $v.autoscaling.maxReplicas }}{{ end }}
{{- ternary 1 0 (gt $most 1) }}
{{- else }}
{{- int $v.standbyReplicas }}
{{- end }}
{{- end }}

{{/* The largest record the image topics take: Topics.MAX_MESSAGE_BYTES in the model module (a test checks). */}}
{{- define "flowerstream.maxMessageBytes" -}}
10551296
{{- end }}

{{/* The probes, on the container's port named http. */}}
{{- define "flowerstream.probes" -}}
{{- $p := .Values.probes -}}
startupProbe:
  httpGet: {path: /health/live, port: http}
  periodSeconds: {{ $p.startup.periodSeconds }}
  failureThreshold: {{ $p.startup.failureThreshold }}
livenessProbe:
  httpGet: {path: /health/live, port: http}
  periodSeconds: {{ $p.liveness.periodSeconds }}
  timeoutSeconds: {{ $p.liveness.timeoutSeconds }}
  failureThreshold: {{ $p.liveness.failureThreshold }}
readinessProbe:
  httpGet: {path: /health/ready, port: http}
  periodSeconds: {{ $p.readiness.periodSeconds }}
  timeoutSeconds: {{ $p.readiness.timeoutSeconds }}
  failureThreshold: {{ $p.readiness.failureThreshold }}
{{- end }}

{{/* The writable places under a read-only root: DJL's cache and /tmp. */}}
{{- define "flowerstream.volumeMounts" -}}
- name: djl-cache
  mountPath: /var/cache/djl
- name: tmp
  mountPath: /tmp
{{- end }}

{{- define "flowerstream.volumes" -}}
- name: djl-cache
  emptyDir:
    sizeLimit: {{ .Values.djl.cacheSizeLimit }}
- name: tmp
  emptyDir:
    sizeLimit: {{ .Values.djl.tmpSizeLimit }}
{{- end }}

{{/* Resources, with nvidia.com/gpu added where the component runs on a GPU: (dict "resources" .. "gpu" ..). */}}
{{- define "flowerstream.resources" -}}
{{- $resources := deepCopy (default dict .resources) }}
{{- if .gpu.enabled }}
{{- $limits := default dict $resources.limits }}
{{- $_ := set $limits "nvidia.com/gpu" (int .gpu.count) }}
{{- $_ := set $resources "limits" $limits }}
{{- end }}
{{- toYaml $resources }}
{{- end }}

{{/* The checksum of the shared ConfigMap: a changed setting rolls the pods. */}}
{{- define "flowerstream.configChecksum" -}}
checksum/config: {{ include (print .Template.BasePath "/configmap.yaml") . | sha256sum }}
{{- end }}
