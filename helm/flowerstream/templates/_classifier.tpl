{{/*
The classifier Deployment, rendered twice: the stable track (classifier-deployment.yaml) and the
shadow canary (classifier-canary-deployment.yaml). Called with
(dict "root" $ "track" "stable|canary" "replicas" N "applicationId" .. "modelVersion" .. "topicPredictions" ..).
*/}}
{{- define "flowerstream.classifierDeployment" -}}
{{- $root := .root }}
{{- $v := $root.Values.classifier }}
{{- $name := include "flowerstream.componentName" (dict "root" $root "component" "classifier") }}
{{- if eq .track "canary" }}{{ $name = printf "%s-canary" $name | trunc 63 | trimSuffix "-" }}{{ end }}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ $name }}
  labels:
    {{- include "flowerstream.labels" (dict "root" $root "component" "classifier") | nindent 4 }}
    flowerstream.io/track: {{ .track }}
spec:
  {{- if not (and (eq .track "stable") $v.autoscaling.enabled) }}
  replicas: {{ .replicas }}
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
      {{- with $root.Values.image.pullSecrets }}
      imagePullSecrets:
        {{- range . }}
        - name: {{ . }}
        {{- end }}
      {{- end }}
      securityContext:
        {{- toYaml $root.Values.podSecurityContext | nindent 8 }}
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
      volumes:
        {{- include "flowerstream.volumes" $root | nindent 8 }}
      {{- include "flowerstream.gpuPlacement" $v | nindent 6 }}
      {{- with $v.affinity }}
      affinity:
        {{- toYaml . | nindent 8 }}
      {{- end }}
{{- end }}
