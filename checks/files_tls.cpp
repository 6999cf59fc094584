// Section 3 rows for the daemon's TLS files, in scope only when the daemon
// has TLS turned on (effective tls or tlsverify).
#include "checks/all_checks.hpp"
#include "checks/file_rules.hpp"

namespace dockaudit::checks {

namespace {

using Aspect = FileRule::Aspect;
using snapshot::HostFiles;

constexpr FileRule kTlsCaOwner{.check_id = "files.tls-ca-owner",
                               .files = &HostFiles::tls_ca_certificate,
                               .aspect = Aspect::owner};
constexpr FileRule kTlsCaMode{.check_id = "files.tls-ca-mode",
                              .files = &HostFiles::tls_ca_certificate,
                              .aspect = Aspect::mode,
                              .allowed_mode = 0444};
constexpr FileRule kTlsCertOwner{.check_id = "files.tls-cert-owner",
                                 .files = &HostFiles::tls_certificate,
                                 .aspect = Aspect::owner};
constexpr FileRule kTlsCertMode{.check_id = "files.tls-cert-mode",
                                .files = &HostFiles::tls_certificate,
                                .aspect = Aspect::mode,
                                .allowed_mode = 0444};
constexpr FileRule kTlsKeyOwner{
    .check_id = "files.tls-key-owner", .files = &HostFiles::tls_key, .aspect = Aspect::owner};
constexpr FileRule kTlsKeyMode{.check_id = "files.tls-key-mode",
                               .files = &HostFiles::tls_key,
                               .aspect = Aspect::mode,
                               .allowed_mode = 0400};

}  // namespace

const Check files_tls_ca_owner{
    .id = "files.tls-ca-owner",
    .title = "The TLS CA certificate is owned by root:root",
    .scope = audit::Scope::host,
    .severity = audit::Severity::medium,
    .level = 1,
    .cis = {"3.9", "3.9", "3.9"},
    .rationale =
        "The CA certificate decides which clients the daemon accepts; its owner can admit any "
        "client.",
    .remediation = "chown root:root on the file named by tlscacert.",
    .reads =
        "stat of the effective tlscacert (flag, daemon.json or DOCKER_CERT_PATH default), uid and "
        "gid",
    .evaluate = &evaluate_file_rule<kTlsCaOwner>,
};

const Check files_tls_ca_mode{
    .id = "files.tls-ca-mode",
    .title = "The TLS CA certificate has mode 0444 or stricter",
    .scope = audit::Scope::host,
    .severity = audit::Severity::medium,
    .level = 1,
    .cis = {"3.10", "3.10", "3.10"},
    .rationale =
        "A writable CA certificate can be replaced to admit an attacker's client certificates.",
    .remediation = "chmod 444 on the file named by tlscacert.",
    .reads = "stat of the effective tlscacert, mode bits against the mask 0444",
    .evaluate = &evaluate_file_rule<kTlsCaMode>,
};

const Check files_tls_cert_owner{
    .id = "files.tls-cert-owner",
    .title = "The daemon's TLS certificate is owned by root:root",
    .scope = audit::Scope::host,
    .severity = audit::Severity::medium,
    .level = 1,
    .cis = {"3.11", "3.11", "3.11"},
    .rationale =
        "The server certificate proves the daemon's identity to clients; its owner can replace it.",
    .remediation = "chown root:root on the file named by tlscert.",
    .reads = "stat of the effective tlscert, uid and gid",
    .evaluate = &evaluate_file_rule<kTlsCertOwner>,
};

const Check files_tls_cert_mode{
    .id = "files.tls-cert-mode",
    .title = "The daemon's TLS certificate has mode 0444 or stricter",
    .scope = audit::Scope::host,
    .severity = audit::Severity::medium,
    .level = 1,
    .cis = {"3.12", "3.12", "3.12"},
    .rationale =
        "A writable server certificate can be swapped, breaking or impersonating the daemon's "
        "identity.",
    .remediation = "chmod 444 on the file named by tlscert.",
    .reads = "stat of the effective tlscert, mode bits against the mask 0444",
    .evaluate = &evaluate_file_rule<kTlsCertMode>,
};

const Check files_tls_key_owner{
    .id = "files.tls-key-owner",
    .title = "The daemon's TLS key is owned by root:root",
    .scope = audit::Scope::host,
    .severity = audit::Severity::high,
    .level = 1,
    .cis = {"3.13", "3.13", "3.13"},
    .rationale = "The private key lets its holder impersonate the daemon; only root may own it.",
    .remediation = "chown root:root on the file named by tlskey.",
    .reads = "stat of the effective tlskey, uid and gid",
    .evaluate = &evaluate_file_rule<kTlsKeyOwner>,
};

const Check files_tls_key_mode{
    .id = "files.tls-key-mode",
    .title = "The daemon's TLS key has mode 0400",
    .scope = audit::Scope::host,
    .severity = audit::Severity::high,
    .level = 1,
    .cis = {"3.14", "3.14", "3.14"},
    .rationale =
        "A key readable by anyone but root can be copied and used to impersonate the daemon.",
    .remediation = "chmod 400 on the file named by tlskey.",
    .reads = "stat of the effective tlskey, mode bits against the mask 0400",
    .evaluate = &evaluate_file_rule<kTlsKeyMode>,
};

}  // namespace dockaudit::checks
