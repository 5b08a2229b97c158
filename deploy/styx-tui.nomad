# Styx TUI on the Styx cluster: the SSH server (and its /health and /metrics) as a Nomad service job on the
# server-class Mac, run with raw_exec from the self-contained osx-arm64 tarball that scripts/publish.sh writes.
# deploy/README.md says how to publish, create the Nomad variables this job reads, run, reach, upgrade and roll back.
# deploy/styx-tui-container.nomad is the same job for the cluster's `container` task driver.
#
# One file, several copies: `-var job_name=styx-tui-dev -var ssh_port=2223 -var namespace=dev` deploys a dev copy
# beside prod. The Nomad variables (keys, tokens) live under nomad/jobs/<job_name> in the job's namespace, so each
# copy has its own keys and tokens. Nothing secret is written here: tokens and keys come from Nomad variables.

variable "job_name" {
  type        = string
  default     = "styx-tui"
  description = "Job ID and name; also the root of the Nomad variables the job reads (nomad/jobs/<job_name>)."
}

variable "namespace" {
  type        = string
  default     = "default"
  description = "Nomad namespace of the job and of its Nomad variables."
}

variable "datacenters" {
  type        = list(string)
  default     = ["*"]
  description = "Datacenters to place in; the node.class constraint picks the server node within them."
}

variable "ssh_port" {
  type        = number
  default     = 2222
  description = "Static SSH port on the server node (what ~/.ssh/config and tailscale serve point at)."
}

variable "artifact_url" {
  type        = string
  description = "URL of styx-tui-<version>-osx-arm64.tar.gz from scripts/publish.sh (any URL go-getter fetches)."
}

variable "artifact_sha256" {
  type        = string
  description = "The tarball's SHA-256 (the hex in the .sha256 file publish.sh writes next to it)."
}

variable "cluster_name" {
  type        = string
  default     = "styx"
  description = "Shown in the status line and banner."
}

variable "nomad_addr" {
  type        = string
  default     = "http://127.0.0.1:4646"
  description = "Nomad HTTP API as seen from the server node."
}

variable "prometheus_addr" {
  type        = string
  default     = ""
  description = "Prometheus HTTP API for the Metrics screens; empty = none."
}

variable "loki_addr" {
  type        = string
  default     = ""
  description = "Loki HTTP API for log history and LogQL; empty = Nomad's live logs only."
}

job "styx-tui" {
  id          = var.job_name
  name        = var.job_name
  namespace   = var.namespace
  type        = "service"
  datacenters = var.datacenters

  # Like the plan's Prometheus, Loki and Grafana: on the server-class Mac only.
  constraint {
    attribute = "${node.class}"
    operator  = "="
    value     = "server"
  }

  # One allocation holding a static port: no canary (it could not bind 2222 next to the running one), so an update
  # stops the old allocation (sessions get the restart notice) and starts the new one; if the new one is not healthy
  # by its checks within healthy_deadline, Nomad reverts to the last version that was.
  update {
    max_parallel      = 1
    health_check      = "checks"
    min_healthy_time  = "10s"
    healthy_deadline  = "3m"
    progress_deadline = "5m"
    auto_revert       = true
  }

  group "tui" {
    count = 1

    network {
      port "ssh" {
        static = var.ssh_port
      }

      port "http" {}
    }

    # The audit log survives job updates on the same node (sticky) and follows a move to another node (migrate).
    ephemeral_disk {
      size    = 300
      sticky  = true
      migrate = true
    }

    restart {
      attempts = 3
      interval = "5m"
      delay    = "10s"
      mode     = "delay"
    }

    # SSH itself. A TCP check only: an SSH handshake needs a key, and /health below already says whether the SSH
    # listener is up. Every check is a connection (logged at Debug), hence the slow interval.
    service {
      name     = var.job_name
      provider = "nomad"
      port     = "ssh"
      tags     = ["ssh"]

      check {
        name     = "ssh-accepts"
        type     = "tcp"
        interval = "30s"
        timeout  = "3s"
      }
    }

    # Styx's own HTTP port: GET /health (200 once the SSH listener is up and the cluster watcher has synced) and
    # GET /metrics. The plan's Prometheus discovers targets through Nomad SD and keeps services tagged
    # prometheus.scrape=true; it scrapes the registered address and port at Prometheus's default metrics path,
    # /metrics, which is where Styx serves them. Only this service carries the tag: the SSH port speaks no HTTP.
    service {
      name     = "${var.job_name}-http"
      provider = "nomad"
      port     = "http"
      tags     = ["prometheus.scrape=true"]

      check {
        name     = "health"
        type     = "http"
        path     = "/health"
        interval = "10s"
        timeout  = "3s"

        # Restart a server whose /health stays failing (the watcher never synced, or the listener died). A group
        # service's check names the task it restarts.
        task = "server"
        check_restart {
          limit = 3
          grace = "60s"
        }
      }
    }

    task "server" {
      driver = "raw_exec"

      # The tarball holds just the styx-tui binary (see scripts/publish.sh); go-getter unpacks it into local/ and
      # refuses it unless its SHA-256 matches.
      artifact {
        source      = var.artifact_url
        destination = "local/"
        options {
          checksum = "sha256:${var.artifact_sha256}"
        }
      }

      config {
        command = "local/styx-tui"
        args = [
          "serve",
          "--listen", "0.0.0.0:${NOMAD_PORT_ssh}",
          "--http-listen", "0.0.0.0:${NOMAD_PORT_http}",
          "--host-key", "${NOMAD_SECRETS_DIR}/host_ed25519",
          "--authorized-keys", "${NOMAD_SECRETS_DIR}/authorized_keys",
          "--audit-log", "${NOMAD_ALLOC_DIR}/data/audit.jsonl",
          "--cluster-name", var.cluster_name,
        ]
      }

      # Logs go to stderr as compact JSON (stderr is not a terminal here), which Promtail ships to Loki.
      env {
        NOMAD_ADDR            = var.nomad_addr
        STYX_PROMETHEUS__ADDR = var.prometheus_addr
        STYX_LOKI__ADDR       = var.loki_addr
      }

      # The host key, from the group's Nomad variable. Mode 0600: Styx refuses a key others could replace. A new
      # key (rotation) restarts the server, which reads the key only at start.
      template {
        destination = "secrets/host_ed25519"
        perms       = "0600"
        change_mode = "restart"
        data        = <<-EOT
          {{- with nomadVar "nomad/jobs/${var.job_name}/tui" }}{{ .host_ed25519 }}{{ end -}}
        EOT
      }

      # Who may log in, from the task's Nomad variable. No restart on change: Nomad writes the new file beside the
      # old one and renames it over, and Styx re-reads authorized_keys by itself when that happens.
      template {
        destination = "secrets/authorized_keys"
        perms       = "0600"
        change_mode = "noop"
        data        = <<-EOT
          {{- with nomadVar "nomad/jobs/${var.job_name}/tui/server" }}{{ .authorized_keys }}{{ end -}}
        EOT
      }

      # One Nomad ACL token per Styx role, from the job's Nomad variable, into the environment Styx reads them from
      # (nomad:tokens:viewer|operator|admin). A role left without one sends NOMAD_TOKEN, which Styx warns about at
      # start. Environment variables change only with a restart.
      template {
        destination = "secrets/nomad-tokens.env"
        perms       = "0600"
        env         = true
        change_mode = "restart"
        data        = <<-EOT
          {{- with nomadVar "nomad/jobs/${var.job_name}" }}
          STYX_NOMAD__TOKENS__VIEWER={{ .viewer_token }}
          STYX_NOMAD__TOKENS__OPERATOR={{ .operator_token }}
          STYX_NOMAD__TOKENS__ADMIN={{ .admin_token }}
          {{- end }}
        EOT
      }

      # Graceful shutdown takes at most 5 s (stop accepting, tell every session, flush the audit log); Nomad waits
      # 10 s after SIGTERM before it kills.
      kill_signal  = "SIGTERM"
      kill_timeout = "10s"

      # memory: DESIGN.md §10 budgets Styx at <= 1 MB RSS per idle session and <= 250 MB RSS with a 1,000-node,
      # 5,000-job cluster in view; 256 MB reserved covers a cluster of the plan's size with room for sessions, and
      # memory_max lets a burst (many sessions following logs) use up to 1 GB where the cluster allows memory
      # oversubscription. Measured (deploy/README.md "Resources"): 148 MB warm, +0.53 MB per idle session, from
      # bench/Styx.Tui.Benchmarks --sessions 50. raw_exec on macOS does not enforce these limits;
      # they reserve capacity for the scheduler.
      resources {
        cpu        = 500
        memory     = 256
        memory_max = 1024
      }
    }
  }
}
