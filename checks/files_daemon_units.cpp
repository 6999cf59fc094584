// Section 3 rows for the units and sockets through which the daemon is driven:
// docker.service, docker.socket, the Docker sockets and containerd's socket.
#include "checks/all_checks.hpp"
#include "checks/file_rules.hpp"

namespace dockaudit::checks {

namespace {

using Aspect = FileRule::Aspect;
using Owner = FileRule::Owner;
using snapshot::HostFiles;

constexpr FileRule kDockerServiceOwner{.check_id = "files.docker-service-owner",
                                       .files = &HostFiles::docker_service,
                                       .aspect = Aspect::owner};
constexpr FileRule kDockerServiceMode{.check_id = "files.docker-service-mode",
                                      .files = &HostFiles::docker_service,
                                      .aspect = Aspect::mode,
                                      .allowed_mode = 0644};
constexpr FileRule kDockerSocketOwner{.check_id = "files.docker-socket-owner",
                                      .files = &HostFiles::docker_socket_unit,
                                      .aspect = Aspect::owner};
constexpr FileRule kDockerSocketMode{.check_id = "files.docker-socket-mode",
                                     .files = &HostFiles::docker_socket_unit,
                                     .aspect = Aspect::mode,
                                     .allowed_mode = 0644};
constexpr FileRule kDockerSockOwner{.check_id = "files.docker-sock-owner",
                                    .files = &HostFiles::docker_sockets,
                                    .aspect = Aspect::owner,
                                    .owner = Owner::root_socket_group,
                                    .must_be_socket = true};
constexpr FileRule kDockerSockMode{.check_id = "files.docker-sock-mode",
                                   .files = &HostFiles::docker_sockets,
                                   .aspect = Aspect::mode,
                                   .allowed_mode = 0660,
                                   .must_be_socket = true};
constexpr FileRule kContainerdSockOwner{.check_id = "files.containerd-sock-owner",
                                        .files = &HostFiles::containerd_socket,
                                        .aspect = Aspect::owner,
                                        .must_be_socket = true};
constexpr FileRule kContainerdSockMode{.check_id = "files.containerd-sock-mode",
                                       .files = &HostFiles::containerd_socket,
                                       .aspect = Aspect::mode,
                                       .allowed_mode = 0660,
                                       .must_be_socket = true};

}  // namespace

const Check files_docker_service_owner{
    .id = "files.docker-service-owner",
    .title = "docker.service is owned by root:root",
    .scope = audit::Scope::host,
    .severity = audit::Severity::medium,
    .level = 1,
    .cis = {"3.1", "3.1", "3.1"},
    .rationale =
        "The unit decides how dockerd starts: its flags, environment and binary. Whoever owns it "
        "can run any command as root at the next start.",
    .remediation =
        "chown root:root on the docker.service FragmentPath (systemctl show -p FragmentPath "
        "docker.service).",
    .reads = "stat of docker.service's FragmentPath, uid and gid",
    .evaluate = &evaluate_file_rule<kDockerServiceOwner>,
};

const Check files_docker_service_mode{
    .id = "files.docker-service-mode",
    .title = "docker.service mode is 0644 or stricter",
    .scope = audit::Scope::host,
    .severity = audit::Severity::medium,
    .level = 1,
    .cis = {"3.2", "3.2", "3.2"},
    .rationale =
        "A unit writable by group or others lets any such user change how dockerd starts, and so "
        "run commands as root.",
    .remediation = "chmod 644 on the docker.service FragmentPath.",
    .reads = "stat of docker.service's FragmentPath, mode bits against the mask 0644",
    .evaluate = &evaluate_file_rule<kDockerServiceMode>,
};

const Check files_docker_socket_owner{
    .id = "files.docker-socket-owner",
    .title = "The docker.socket unit is owned by root:root",
    .scope = audit::Scope::host,
    .severity = audit::Severity::medium,
    .level = 1,
    .cis = {"3.3", "3.3", "3.3"},
    .rationale =
        "The socket unit decides where the API listens and who may connect; its owner can open the"
        " API to anyone.",
    .remediation =
        "chown root:root on the docker.socket FragmentPath (systemctl show -p FragmentPath "
        "docker.socket).",
    .reads = "stat of docker.socket's FragmentPath, uid and gid",
    .evaluate = &evaluate_file_rule<kDockerSocketOwner>,
};

const Check files_docker_socket_mode{
    .id = "files.docker-socket-mode",
    .title = "The docker.socket unit mode is 0644 or stricter",
    .scope = audit::Scope::host,
    .severity = audit::Severity::medium,
    .level = 1,
    .cis = {"3.4", "3.4", "3.4"},
    .rationale =
        "A socket unit writable by group or others lets any such user add a TCP listener or loosen"
        " the socket's mode.",
    .remediation = "chmod 644 on the docker.socket FragmentPath.",
    .reads = "stat of docker.socket's FragmentPath, mode bits against the mask 0644",
    .evaluate = &evaluate_file_rule<kDockerSocketMode>,
};

const Check files_docker_sock_owner{
    .id = "files.docker-sock-owner",
    .title = "Docker sockets are owned by root and the docker group",
    .scope = audit::Scope::host,
    .severity = audit::Severity::high,
    .level = 1,
    .cis = {"3.15", "3.15", "3.15"},
    .rationale =
        "Whoever can connect to the Docker socket controls the daemon and so the host as root; "
        "only root and the chosen group may.",
    .remediation =
        "Let dockerd (-G/'group') or docker.socket (SocketUser=root, SocketGroup=docker) set the "
        "owner; chown root:docker on the socket.",
    .reads =
        "stat (following links) of every unix socket the daemon serves (-H/'hosts', docker.socket "
        "ListenStream=), one per device and inode; uid 0 and the gid of SocketGroup= or the "
        "effective 'group'",
    .evaluate = &evaluate_file_rule<kDockerSockOwner>,
};

const Check files_docker_sock_mode{
    .id = "files.docker-sock-mode",
    .title = "Docker sockets have mode 0660 or stricter",
    .scope = audit::Scope::host,
    .severity = audit::Severity::high,
    .level = 1,
    .cis = {"3.16", "3.16", "3.16"},
    .rationale =
        "A socket others may write to hands control of the daemon, and root on the host, to every "
        "local user.",
    .remediation = "SocketMode=0660 in docker.socket, or chmod 660 on the socket dockerd creates.",
    .reads = "stat of every unix socket the daemon serves, mode bits against the mask 0660",
    .evaluate = &evaluate_file_rule<kDockerSockMode>,
};

const Check files_containerd_sock_owner{
    .id = "files.containerd-sock-owner",
    .title = "The containerd socket is owned by root:root",
    .scope = audit::Scope::host,
    .severity = audit::Severity::high,
    .level = 1,
    .cis = {"3.23", "3.23", "3.23"},
    .rationale =
        "containerd's socket drives every container below Docker's back; its owner can run "
        "anything as root.",
    .remediation = "chown root:root on the containerd socket dockerd uses.",
    .reads =
        "stat of the containerd socket dockerd uses: effective 'containerd', else "
        "/run/containerd/containerd.sock if present, else <exec-root>/containerd/containerd.sock",
    .evaluate = &evaluate_file_rule<kContainerdSockOwner>,
};

const Check files_containerd_sock_mode{
    .id = "files.containerd-sock-mode",
    .title = "The containerd socket has mode 0660 or stricter",
    .scope = audit::Scope::host,
    .severity = audit::Severity::high,
    .level = 1,
    .cis = {"3.24", "3.24", "3.24"},
    .rationale =
        "A containerd socket others may write to lets every local user start privileged "
        "containers.",
    .remediation = "chmod 660 on the containerd socket dockerd uses.",
    .reads = "stat of the containerd socket dockerd uses, mode bits against the mask 0660",
    .evaluate = &evaluate_file_rule<kContainerdSockMode>,
};

}  // namespace dockaudit::checks
