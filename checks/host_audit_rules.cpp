// Sections 1.1.3 to 1.1.18: auditd watches every object the daemon depends on,
// at the path the running daemon really uses. One row a recommendation.
#include "checks/all_checks.hpp"
#include "checks/audit_rules.hpp"

namespace dockaudit::checks {

namespace {

using snapshot::AuditTargets;

constexpr const char* kRemediation =
    "Add a watch to the audit rules, e.g. in /etc/audit/rules.d/docker.rules: -w <path> -p rwxa "
    "-k docker, then load it with augenrules --load (the path is named in the finding).";

constexpr AuditRuleItem kDockerd{"host.audit-dockerd", &AuditTargets::dockerd};
constexpr AuditRuleItem kContainerdState{"host.audit-containerd-state",
                                         &AuditTargets::containerd_state};
constexpr AuditRuleItem kDataRoot{"host.audit-data-root", &AuditTargets::data_root};
constexpr AuditRuleItem kEtcDocker{"host.audit-etc-docker", &AuditTargets::etc_docker};
constexpr AuditRuleItem kDockerService{"host.audit-docker-service", &AuditTargets::docker_service};
constexpr AuditRuleItem kContainerdSocket{"host.audit-containerd-socket",
                                          &AuditTargets::containerd_socket};
constexpr AuditRuleItem kDockerSocketUnit{"host.audit-docker-socket-unit",
                                          &AuditTargets::docker_socket_unit};
// No single target: every Docker socket.
constexpr AuditRuleItem kDockerSock{"host.audit-docker-sock", nullptr};
constexpr AuditRuleItem kEtcDefaultDocker{"host.audit-etc-default-docker",
                                          &AuditTargets::etc_default_docker};
constexpr AuditRuleItem kDaemonJson{"host.audit-daemon-json", &AuditTargets::daemon_json};
constexpr AuditRuleItem kContainerdConfig{"host.audit-containerd-config",
                                          &AuditTargets::containerd_config};
constexpr AuditRuleItem kEtcSysconfigDocker{"host.audit-etc-sysconfig-docker",
                                            &AuditTargets::etc_sysconfig_docker};
constexpr AuditRuleItem kContainerd{"host.audit-containerd", &AuditTargets::containerd};
constexpr AuditRuleItem kContainerdShim{"host.audit-containerd-shim",
                                        &AuditTargets::containerd_shim};
constexpr AuditRuleItem kContainerdShimRuncV1{"host.audit-containerd-shim-runc-v1",
                                              &AuditTargets::containerd_shim_runc_v1};
constexpr AuditRuleItem kContainerdShimRuncV2{"host.audit-containerd-shim-runc-v2",
                                              &AuditTargets::containerd_shim_runc_v2};
constexpr AuditRuleItem kRunc{"host.audit-runc", &AuditTargets::runc};

}  // namespace

const Check host_audit_dockerd{
    .id = "host.audit-dockerd",
    .title = "auditd records use of the dockerd binary",
    .scope = audit::Scope::host,
    .severity = audit::Severity::medium,
    .level = 1,
    .cis = {"1.1.3", "1.1.3", "1.1.3"},
    .rationale =
        "dockerd runs as root; changes to its binary and its runs belong in the audit trail. "
        "Without an audit rule a change or misuse leaves no record to investigate.",
    .remediation = kRemediation,
    .reads =
        "audit rules (auditctl -l, else /etc/audit/audit.rules and rules.d/*.rules) covering "
        "realpath of /proc/<pid>/exe of the dockerd behind the audited socket",
    .evaluate = &evaluate_audit_rule<kDockerd>,
};

const Check host_audit_containerd_state{
    .id = "host.audit-containerd-state",
    .title = "auditd records access to containerd's state directory",
    .scope = audit::Scope::host,
    .severity = audit::Severity::medium,
    .level = 1,
    .cis = {"1.1.4", "1.1.4", "1.1.4"},
    .rationale =
        "containerd's state directory holds the sockets and task state of every container. Without"
        " an audit rule a change or misuse leaves no record to investigate.",
    .remediation = kRemediation,
    .reads =
        "audit rules (auditctl -l, else /etc/audit/audit.rules and rules.d/*.rules) covering the "
        "directory of the containerd socket dockerd uses (/run/containerd, or "
        "<exec-root>/containerd for the containerd dockerd runs itself)",
    .evaluate = &evaluate_audit_rule<kContainerdState>,
};

const Check host_audit_data_root{
    .id = "host.audit-data-root",
    .title = "auditd records access to Docker's data root",
    .scope = audit::Scope::host,
    .severity = audit::Severity::medium,
    .level = 1,
    .cis = {"1.1.5", "1.1.5", "1.1.5"},
    .rationale =
        "The data root holds every image layer, container filesystem and volume. Without an audit "
        "rule a change or misuse leaves no record to investigate.",
    .remediation = kRemediation,
    .reads =
        "audit rules (auditctl -l, else /etc/audit/audit.rules and rules.d/*.rules) covering /info"
        " DockerRootDir (its parent when userns-remapped), not a fixed /var/lib/docker",
    .evaluate = &evaluate_audit_rule<kDataRoot>,
};

const Check host_audit_etc_docker{
    .id = "host.audit-etc-docker",
    .title = "auditd records access to /etc/docker",
    .scope = audit::Scope::host,
    .severity = audit::Severity::medium,
    .level = 1,
    .cis = {"1.1.6", "1.1.6", "1.1.6"},
    .rationale =
        "/etc/docker holds the daemon's configuration, certificates and keys. Without an audit "
        "rule a change or misuse leaves no record to investigate.",
    .remediation = kRemediation,
    .reads =
        "audit rules (auditctl -l, else /etc/audit/audit.rules and rules.d/*.rules) covering "
        "/etc/docker",
    .evaluate = &evaluate_audit_rule<kEtcDocker>,
};

const Check host_audit_docker_service{
    .id = "host.audit-docker-service",
    .title = "auditd records access to the docker.service unit",
    .scope = audit::Scope::host,
    .severity = audit::Severity::low,
    .level = 2,
    .cis = {"1.1.7", "1.1.7", "1.1.7"},
    .rationale =
        "The unit decides how dockerd starts. Without an audit rule a change or misuse leaves no "
        "record to investigate.",
    .remediation = kRemediation,
    .reads =
        "audit rules (auditctl -l, else /etc/audit/audit.rules and rules.d/*.rules) covering "
        "FragmentPath of docker.service",
    .evaluate = &evaluate_audit_rule<kDockerService>,
};

const Check host_audit_containerd_socket{
    .id = "host.audit-containerd-socket",
    .title = "auditd records access to the containerd socket",
    .scope = audit::Scope::host,
    .severity = audit::Severity::low,
    .level = 2,
    .cis = {"1.1.8", "1.1.8", "1.1.8"},
    .rationale =
        "containerd's socket drives every container. Without an audit rule a change or misuse "
        "leaves no record to investigate.",
    .remediation = kRemediation,
    .reads =
        "audit rules (auditctl -l, else /etc/audit/audit.rules and rules.d/*.rules) covering the "
        "containerd socket dockerd uses: effective 'containerd', else "
        "/run/containerd/containerd.sock if present, else <exec-root>/containerd/containerd.sock",
    .evaluate = &evaluate_audit_rule<kContainerdSocket>,
};

const Check host_audit_docker_socket_unit{
    .id = "host.audit-docker-socket-unit",
    .title = "auditd records access to the docker.socket unit",
    .scope = audit::Scope::host,
    .severity = audit::Severity::low,
    .level = 2,
    .cis = {"1.1.9", "", ""},
    .rationale =
        "The socket unit decides where the API listens and who may connect. Without an audit rule "
        "a change or misuse leaves no record to investigate.",
    .remediation = kRemediation,
    .reads =
        "audit rules (auditctl -l, else /etc/audit/audit.rules and rules.d/*.rules) covering "
        "FragmentPath of docker.socket (CIS 1.6.0 1.1.9; 1.7.0 and 1.8.0 audit the socket file "
        "instead)",
    .evaluate = &evaluate_audit_rule<kDockerSocketUnit>,
};

const Check host_audit_docker_sock{
    .id = "host.audit-docker-sock",
    .title = "auditd records access to the Docker sockets",
    .scope = audit::Scope::host,
    .severity = audit::Severity::low,
    .level = 2,
    .cis = {"", "1.1.9", "1.1.9"},
    .rationale =
        "Every connection to the Docker socket is a command to the daemon running as root. Without"
        " an audit rule a change or misuse leaves no record to investigate.",
    .remediation = kRemediation,
    .reads =
        "audit rules (auditctl -l, else /etc/audit/audit.rules and rules.d/*.rules) covering every"
        " unix socket the daemon serves (-H/'hosts', docker.socket ListenStream=), one per device "
        "and inode",
    .evaluate = &evaluate_audit_rule<kDockerSock>,
};

const Check host_audit_etc_default_docker{
    .id = "host.audit-etc-default-docker",
    .title = "auditd records access to /etc/default/docker",
    .scope = audit::Scope::host,
    .severity = audit::Severity::low,
    .level = 2,
    .cis = {"1.1.10", "1.1.10", "1.1.10"},
    .rationale =
        "Debian's unit and init script read dockerd's options from this file. Without an audit "
        "rule a change or misuse leaves no record to investigate.",
    .remediation = kRemediation,
    .reads =
        "audit rules (auditctl -l, else /etc/audit/audit.rules and rules.d/*.rules) covering "
        "/etc/default/docker",
    .evaluate = &evaluate_audit_rule<kEtcDefaultDocker>,
};

const Check host_audit_daemon_json{
    .id = "host.audit-daemon-json",
    .title = "auditd records access to daemon.json",
    .scope = audit::Scope::host,
    .severity = audit::Severity::low,
    .level = 2,
    .cis = {"1.1.11", "1.1.11", "1.1.11"},
    .rationale =
        "daemon.json sets every daemon option. Without an audit rule a change or misuse leaves no "
        "record to investigate.",
    .remediation = kRemediation,
    .reads =
        "audit rules (auditctl -l, else /etc/audit/audit.rules and rules.d/*.rules) covering the "
        "daemon.json in force (--config-file of the running dockerd, else the default)",
    .evaluate = &evaluate_audit_rule<kDaemonJson>,
};

const Check host_audit_containerd_config{
    .id = "host.audit-containerd-config",
    .title = "auditd records access to containerd's configuration",
    .scope = audit::Scope::host,
    .severity = audit::Severity::low,
    .level = 2,
    .cis = {"1.1.12", "1.1.12", "1.1.12"},
    .rationale =
        "containerd's configuration decides its runtimes, plugins and socket permissions. Without "
        "an audit rule a change or misuse leaves no record to investigate.",
    .remediation = kRemediation,
    .reads =
        "audit rules (auditctl -l, else /etc/audit/audit.rules and rules.d/*.rules) covering "
        "--config/-c of the running containerd, else /etc/containerd/config.toml",
    .evaluate = &evaluate_audit_rule<kContainerdConfig>,
};

const Check host_audit_etc_sysconfig_docker{
    .id = "host.audit-etc-sysconfig-docker",
    .title = "auditd records access to /etc/sysconfig/docker",
    .scope = audit::Scope::host,
    .severity = audit::Severity::low,
    .level = 2,
    .cis = {"1.1.13", "1.1.13", "1.1.13"},
    .rationale =
        "RHEL-style init reads dockerd's options from this file. Without an audit rule a change or"
        " misuse leaves no record to investigate.",
    .remediation = kRemediation,
    .reads =
        "audit rules (auditctl -l, else /etc/audit/audit.rules and rules.d/*.rules) covering "
        "/etc/sysconfig/docker",
    .evaluate = &evaluate_audit_rule<kEtcSysconfigDocker>,
};

const Check host_audit_containerd{
    .id = "host.audit-containerd",
    .title = "auditd records use of the containerd binary",
    .scope = audit::Scope::host,
    .severity = audit::Severity::low,
    .level = 2,
    .cis = {"1.1.14", "1.1.14", "1.1.14"},
    .rationale =
        "containerd runs as root and starts every container. Without an audit rule a change or "
        "misuse leaves no record to investigate.",
    .remediation = kRemediation,
    .reads =
        "audit rules (auditctl -l, else /etc/audit/audit.rules and rules.d/*.rules) covering "
        "realpath of /proc/<pid>/exe of the running containerd, else containerd on dockerd's PATH",
    .evaluate = &evaluate_audit_rule<kContainerd>,
};

const Check host_audit_containerd_shim{
    .id = "host.audit-containerd-shim",
    .title = "auditd records use of containerd-shim",
    .scope = audit::Scope::host,
    .severity = audit::Severity::low,
    .level = 2,
    .cis = {"1.1.15", "1.1.15", "1.1.15"},
    .rationale =
        "The shim runs as root beside each container. Without an audit rule a change or misuse "
        "leaves no record to investigate.",
    .remediation = kRemediation,
    .reads =
        "audit rules (auditctl -l, else /etc/audit/audit.rules and rules.d/*.rules) covering "
        "containerd-shim beside containerd or on dockerd's PATH; not applicable when not installed",
    .evaluate = &evaluate_audit_rule<kContainerdShim>,
};

const Check host_audit_containerd_shim_runc_v1{
    .id = "host.audit-containerd-shim-runc-v1",
    .title = "auditd records use of containerd-shim-runc-v1",
    .scope = audit::Scope::host,
    .severity = audit::Severity::low,
    .level = 2,
    .cis = {"1.1.16", "1.1.16", "1.1.16"},
    .rationale =
        "The shim runs as root beside each container. Without an audit rule a change or misuse "
        "leaves no record to investigate.",
    .remediation = kRemediation,
    .reads =
        "audit rules (auditctl -l, else /etc/audit/audit.rules and rules.d/*.rules) covering "
        "containerd-shim-runc-v1 beside containerd or on dockerd's PATH; not applicable when not "
        "installed",
    .evaluate = &evaluate_audit_rule<kContainerdShimRuncV1>,
};

const Check host_audit_containerd_shim_runc_v2{
    .id = "host.audit-containerd-shim-runc-v2",
    .title = "auditd records use of containerd-shim-runc-v2",
    .scope = audit::Scope::host,
    .severity = audit::Severity::low,
    .level = 2,
    .cis = {"1.1.17", "1.1.17", "1.1.17"},
    .rationale =
        "The shim runs as root beside each container. Without an audit rule a change or misuse "
        "leaves no record to investigate.",
    .remediation = kRemediation,
    .reads =
        "audit rules (auditctl -l, else /etc/audit/audit.rules and rules.d/*.rules) covering "
        "containerd-shim-runc-v2 beside containerd or on dockerd's PATH; not applicable when not "
        "installed",
    .evaluate = &evaluate_audit_rule<kContainerdShimRuncV2>,
};

const Check host_audit_runc{
    .id = "host.audit-runc",
    .title = "auditd records use of runc",
    .scope = audit::Scope::host,
    .severity = audit::Severity::low,
    .level = 2,
    .cis = {"1.1.18", "1.1.18", "1.1.18"},
    .rationale =
        "runc creates every container's namespaces and cgroups as root. Without an audit rule a "
        "change or misuse leaves no record to investigate.",
    .remediation = kRemediation,
    .reads =
        "audit rules (auditctl -l, else /etc/audit/audit.rules and rules.d/*.rules) covering runc "
        "beside containerd or on dockerd's PATH (PATH from /proc/<pid>/environ, else the standard "
        "PATH)",
    .evaluate = &evaluate_audit_rule<kRunc>,
};

}  // namespace dockaudit::checks
