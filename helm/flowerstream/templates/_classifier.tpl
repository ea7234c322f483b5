{{/*
The classifier workload, rendered twice: the stable track (classifier-deployment.yaml) and the
shadow canary (classifier-canary-deployment.yaml). Called with
(dict "root" $ "track" "stable|canary" "replicas" N "applicationId" .. "modelVersion" .. "topicPredictions" ..
      "persistent" bool "standby" N).
A persistent track is a StatefulSet: each pod keeps its Kafka Streams state on its own volume and
joins the group as a static member named after the pod, so a restart neither rebalances the group
nor restores the stores from their changelogs. Otherwise a Deployment with the state in /tmp.
*/}}
{{- define "flowerstream.classifierDeployment" -}}
{{- $root := .root }}
{{- $v := $root.Values.classifier }}
{{- $name := include "flowerstream.componentName" (dict "root" $root "component" "classifier") }}
{{- if eq .track "canary" }}{{ $name = printf "%s-canary" $name | trunc 63 | trimSuffix "-" }}{{ end }}
apiVersion: apps/v1
kind: {{ ternary "StatefulSet" "Deployment" .persistent }}
metadata:
  name: {{ $name }}
  labels:
    {{- include "flowerstream.labels" (dict "root" $root "component" "classifier") | nindent 4 }}
    flowerstream.io/track: {{ .track }}
spec:
  {{- if not (and (eq .track "stable") (or $v.autoscaling.enabled $v.autoscaling.keda.enabled)) }}
  replicas: {{ .replicas }}
  {{- end }}
  {{- if .persistent }}
  # The classifier Service governs the pods' identity; nothing needs per-pod DNS.
  serviceName: {{ include "flowerstream.componentName" (dict "root" $root "component" "classifier") }}
  # Scale-ups start every new pod at once; rolling updates still replace one pod at a time.
  podManagementPolicy: Parallel
  {{- end }}
  selector:
    matchLabels:
      {{- include "flowerstream.selectorLabels" (dict "root" $root "component" "classifier") | nindent 6 }}
      flowerstream.io/track: {{ .track }}
  template:
    metadata:
      labels:
        {{- include "flowerstream.selectorLabels" (dict "root" $root "component" "classifier") | nindent 8 }}
        flowerstream.io/track: {{ .track }}
      annotations:
        {{- include "flowerstream.configChecksum" $root | nindent 8 }}
        # Shown by kubectl describe; the env below is what rolls the pods when it changes.
        flowerstream.io/model-version: {{ .modelVersion | quote }}
    spec:
      {{- include "flowerstream.podCommon" $root | nindent 6 }}
      containers:
        - name: classifier
          image: {{ include "flowerstream.image" (dict "root" $root "component" "classifier" "gpu" $v.gpu.enabled) | quote }}
          imagePullPolicy: {{ $root.Values.image.pullPolicy }}
          ports:
            - name: http
              containerPort: {{ $v.httpPort }}
              protocol: TCP
          envFrom:
            {{- include "flowerstream.commonEnvFrom" $root | nindent 12 }}
          env:
            - name: HTTP_PORT
              value: {{ $v.httpPort | quote }}
            - name: MODEL_VERSION
              value: {{ .modelVersion | quote }}
            - name: APPLICATION_ID
              value: {{ .applicationId | quote }}
            - name: TOPIC_PREDICTIONS
              value: {{ .topicPredictions | quote }}
            - name: MAX_BATCH_SIZE
              value: {{ ternary $v.gpu.maxBatchSize $v.maxBatchSize $v.gpu.enabled | quote }}
            - name: MAX_BATCH_DELAY_MS
              value: {{ $v.maxBatchDelayMs | quote }}
            - name: DEVICE
              value: {{ ternary "gpu" $v.device $v.gpu.enabled | quote }}
            - name: JAVA_OPTS
              value: {{ $v.javaOpts | quote }}
            - name: NUM_STANDBY_REPLICAS
              value: {{ .standby | quote }}
            {{- if .persistent }}
            - name: STATE_DIR
              value: /var/lib/flowerstream/state
            # Static membership: the pod's name is stable across restarts and unique in the group.
            - name: GROUP_INSTANCE_ID
              valueFrom:
                fieldRef:
                  fieldPath: metadata.name
            {{- end }}
            {{- include "flowerstream.s3CredentialsEnv" $root | nindent 12 }}
            {{- with $v.extraEnv }}
            {{- toYaml . | nindent 12 }}
            {{- end }}
          {{- include "flowerstream.probes" $root | nindent 10 }}
          resources:
            {{- include "flowerstream.resources" (dict "resources" $v.resources "gpu" $v.gpu) | nindent 12 }}
          securityContext:
            {{- toYaml $root.Values.securityContext | nindent 12 }}
          volumeMounts:
            {{- include "flowerstream.volumeMounts" $root | nindent 12 }}
            {{- if .persistent }}
            - name: state
              mountPath: /var/lib/flowerstream/state
            {{- end }}
      volumes:
        {{- include "flowerstream.volumes" $root | nindent 8 }}
      {{- include "flowerstream.gpuPlacement" $v | nindent 6 }}
      {{- with $v.affinity }}
      affinity:
        {{- toYaml . | nindent 8 }}
      {{- end }}
  {{- if .persistent }}
  volumeClaimTemplates:
    - metadata:
        name: state
        labels:
          {{- include "flowerstream.selectorLabels" (dict "root" $root "component" "classifier") | nindent 10 }}
      spec:
        accessModes: [ReadWriteOnce]
        {{- with $v.persistence.storageClass }}
        storageClassName: {{ . }}
        {{- end }}
        resources:
          requests:
            storage: {{ $v.persistence.size }}
  {{- end }}
{{- end }}
