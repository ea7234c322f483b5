{{/*
Placement of a component that may run on a GPU: its own nodeSelector and tolerations, plus, when
its gpu.enabled is on, the gpu block's (the component's own labels win on a clash). Called with
the component's values: (include "flowerstream.gpuPlacement" $v).
*/}}
{{- define "flowerstream.gpuPlacement" -}}
{{- $selector := deepCopy (default dict .nodeSelector) }}
{{- $tolerations := default list .tolerations }}
{{- if .gpu.enabled }}
{{- $selector = merge $selector (deepCopy (default dict .gpu.nodeSelector)) }}
{{- $tolerations = concat $tolerations (default list .gpu.tolerations) }}
{{- end }}
{{- with $selector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with $tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end }}
