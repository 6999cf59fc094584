// Section 3 rows for the daemon's configuration: /etc/docker, the registry
// certificates, the daemon.json in force and the init scripts' environment files.
#include "checks/all_checks.hpp"
#include "checks/file_rules.hpp"

namespace dockaudit::checks {

namespace {

using Aspect = FileRule::Aspect;
using snapshot::HostFiles;

constexpr FileRule kEtcDockerOwner{
    .check_id = "files.etc-docker-owner", .files = &HostFiles::etc_docker, .aspect = Aspect::owner};
constexpr FileRule kEtcDockerMode{.check_id = "files.etc-docker-mode",
                                  .files = &HostFiles::etc_docker,
                                  .aspect = Aspect::mode,
                                  .allowed_mode = 0755};
constexpr FileRule kRegistryCertsOwner{.check_id = "files.registry-certs-owner",
                                       .files = &HostFiles::registry_certificates,
                                       .aspect = Aspect::owner};
constexpr FileRule kRegistryCertsMode{.check_id = "files.registry-certs-mode",
                                      .files = &HostFiles::registry_certificates,
                                      .aspect = Aspect::mode,
                                      .allowed_mode = 0444};
constexpr FileRule kDaemonJsonOwner{.check_id = "files.daemon-json-owner",
                                    .files = &HostFiles::daemon_json,
                                    .aspect = Aspect::owner};
constexpr FileRule kDaemonJsonMode{.check_id = "files.daemon-json-mode",
                                   .files = &HostFiles::daemon_json,
                                   .aspect = Aspect::mode,
                                   .allowed_mode = 0644};
constexpr FileRule kEtcDefaultDockerOwner{.check_id = "files.etc-default-docker-owner",
                                          .files = &HostFiles::etc_default_docker,
                                          .aspect = Aspect::owner};
constexpr FileRule kEtcDefaultDockerMode{.check_id = "files.etc-default-docker-mode",
                                         .files = &HostFiles::etc_default_docker,
                                         .aspect = Aspect::mode,
                                         .allowed_mode = 0644};
constexpr FileRule kEtcSysconfigDockerMode{.check_id = "files.etc-sysconfig-docker-mode",
                                           .files = &HostFiles::etc_sysconfig_docker,
                                           .aspect = Aspect::mode,
                                           .allowed_mode = 0644};
constexpr FileRule kEtcSysconfigDockerOwner{.check_id = "files.etc-sysconfig-docker-owner",
                                            .files = &HostFiles::etc_sysconfig_docker,
                                            .aspect = Aspect::owner};

}  // namespace

const Check files_etc_docker_owner{
    .id = "files.etc-docker-owner",
    .title = "/etc/docker is owned by root:root",
    .scope = audit::Scope::host,
    .severity = audit::Severity::medium,
    .level = 1,
    .cis = {"3.5", "3.5", "3.5"},
    .rationale =
        "/etc/docker holds daemon.json, certificates and keys; its owner can replace any of them.",
    .remediation = "chown root:root /etc/docker.",
    .reads = "stat of /etc/docker, uid and gid",
    .evaluate = &evaluate_file_rule<kEtcDockerOwner>,
};

const Check files_etc_docker_mode{
    .id = "files.etc-docker-mode",
    .title = "/etc/docker mode is 0755 or stricter",
    .scope = audit::Scope::host,
    .severity = audit::Severity::medium,
    .level = 1,
    .cis = {"3.6", "3.6", "3.6"},
    .rationale =
        "A directory writable by group or others lets them add or swap configuration and "
        "certificates.",
    .remediation = "chmod 755 /etc/docker.",
    .reads = "stat of /etc/docker, mode bits against the mask 0755",
    .evaluate = &evaluate_file_rule<kEtcDockerMode>,
};

const Check files_registry_certs_owner{
    .id = "files.registry-certs-owner",
    .title = "Registry certificates are owned by root:root",
    .scope = audit::Scope::host,
    .severity = audit::Severity::medium,
    .level = 1,
    .cis = {"3.7", "3.7", "3.7"},
    .rationale =
        "The files under /etc/docker/certs.d decide which registries the daemon trusts; their "
        "owner can make it trust a rogue one.",
    .remediation = "chown root:root on every file under /etc/docker/certs.d/*/.",
    .reads = "stat of every file in /etc/docker/certs.d/<registry>/, uid and gid",
    .evaluate = &evaluate_file_rule<kRegistryCertsOwner>,
};

const Check files_registry_certs_mode{
    .id = "files.registry-certs-mode",
    .title = "Registry certificates have mode 0444 or stricter",
    .scope = audit::Scope::host,
    .severity = audit::Severity::medium,
    .level = 1,
    .cis = {"3.8", "3.8", "3.8"},
    .rationale =
        "Writable registry certificates and keys can be swapped for an attacker's; keys readable "
        "by others can be stolen.",
    .remediation = "chmod 444 on every file under /etc/docker/certs.d/*/.",
    .reads =
        "stat of every file in /etc/docker/certs.d/<registry>/, mode bits against the mask 0444",
    .evaluate = &evaluate_file_rule<kRegistryCertsMode>,
};

const Check files_daemon_json_owner{
    .id = "files.daemon-json-owner",
    .title = "daemon.json is owned by root:root",
    .scope = audit::Scope::host,
    .severity = audit::Severity::medium,
    .level = 2,
    .cis = {"3.17", "3.17", "3.17"},
    .rationale =
        "daemon.json sets every daemon option; its owner can turn off any protection at the next "
        "restart.",
    .remediation = "chown root:root on the daemon.json in force.",
    .reads =
        "stat of the daemon.json in force (--config-file of the running dockerd, else the "
        "default), uid and gid",
    .evaluate = &evaluate_file_rule<kDaemonJsonOwner>,
};

const Check files_daemon_json_mode{
    .id = "files.daemon-json-mode",
    .title = "daemon.json mode is 0644 or stricter",
    .scope = audit::Scope::host,
    .severity = audit::Severity::medium,
    .level = 2,
    .cis = {"3.18", "3.18", "3.18"},
    .rationale =
        "A daemon.json writable by group or others lets them change the daemon's settings.",
    .remediation = "chmod 644 on the daemon.json in force.",
    .reads = "stat of the daemon.json in force, mode bits against the mask 0644",
    .evaluate = &evaluate_file_rule<kDaemonJsonMode>,
};

const Check files_etc_default_docker_owner{
    .id = "files.etc-default-docker-owner",
    .title = "/etc/default/docker is owned by root:root",
    .scope = audit::Scope::host,
    .severity = audit::Severity::low,
    .level = 2,
    .cis = {"3.19", "3.19", "3.19"},
    .rationale =
        "Debian's unit and init script read DOCKER_OPTS from this file; its owner can add dockerd "
        "flags.",
    .remediation = "chown root:root /etc/default/docker.",
    .reads = "stat of /etc/default/docker, uid and gid",
    .evaluate = &evaluate_file_rule<kEtcDefaultDockerOwner>,
};

const Check files_etc_default_docker_mode{
    .id = "files.etc-default-docker-mode",
    .title = "/etc/default/docker mode is 0644 or stricter",
    .scope = audit::Scope::host,
    .severity = audit::Severity::low,
    .level = 2,
    .cis = {"3.20", "3.20", "3.20"},
    .rationale = "A writable /etc/default/docker lets group members or others add dockerd flags.",
    .remediation = "chmod 644 /etc/default/docker.",
    .reads = "stat of /etc/default/docker, mode bits against the mask 0644",
    .evaluate = &evaluate_file_rule<kEtcDefaultDockerMode>,
};

const Check files_etc_sysconfig_docker_mode{
    .id = "files.etc-sysconfig-docker-mode",
    .title = "/etc/sysconfig/docker mode is 0644 or stricter",
    .scope = audit::Scope::host,
    .severity = audit::Severity::low,
    .level = 2,
    .cis = {"3.21", "3.21", "3.21"},
    .rationale =
        "RHEL-style init reads dockerd's options from this file; if writable by others they can "
        "add flags.",
    .remediation = "chmod 644 /etc/sysconfig/docker.",
    .reads = "stat of /etc/sysconfig/docker, mode bits against the mask 0644",
    .evaluate = &evaluate_file_rule<kEtcSysconfigDockerMode>,
};

const Check files_etc_sysconfig_docker_owner{
    .id = "files.etc-sysconfig-docker-owner",
    .title = "/etc/sysconfig/docker is owned by root:root",
    .scope = audit::Scope::host,
    .severity = audit::Severity::low,
    .level = 2,
    .cis = {"3.22", "3.22", "3.22"},
    .rationale = "RHEL-style init reads dockerd's options from this file; its owner can add flags.",
    .remediation = "chown root:root /etc/sysconfig/docker.",
    .reads = "stat of /etc/sysconfig/docker, uid and gid",
    .evaluate = &evaluate_file_rule<kEtcSysconfigDockerOwner>,
};

}  // namespace dockaudit::checks
