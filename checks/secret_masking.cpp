#include "checks/secret_masking.hpp"

#include "checks/secret_patterns.hpp"

namespace dockaudit::checks {

namespace {

// A kept value gives find_secrets nothing, as it did live; a masked one
// gives the kinds its marker names.
void mask_secret_labels(std::map<std::string, std::string>& labels) {
  for (auto& [key, value] : labels) {
    if (!find_secrets(key, value).empty()) value = mask_value(key, value);
  }
}

// Command lines keep their shape (checks look for sshd, NONE) and lose their
// secrets: `--password=zzzz`, `https://bob:zzzz@host`.
void mask_commands(std::optional<std::vector<std::string>>& commands) {
  if (commands) commands = mask_lines(*commands);
}

void mask_container(snapshot::Container& container) {
  mask_secret_labels(container.labels);
  mask_commands(container.healthcheck);
  auto& processes = container.processes;
  if (processes.ok()) processes.value = mask_lines(*processes.value);
  if (container.execs.ok()) {
    for (auto& exec : *container.execs.value) exec.command = mask_text(exec.command);
  }
}

void mask_image(snapshot::Image& image) {
  for (auto& variable : image.env) {
    const auto equals = variable.find('=');
    if (equals == std::string::npos) continue;  // a bare name holds no value
    const auto key = variable.substr(0, equals);
    variable = key + "=" + mask_value(key, variable.substr(equals + 1));
  }
  mask_secret_labels(image.labels);
  mask_commands(image.healthcheck);
  if (!image.history.ok()) return;
  for (auto& step : *image.history.value) step.created_by = mask_text(step.created_by);
}

void mask_unit(std::optional<snapshot::SystemdUnit>& unit) {
  if (!unit) return;
  for (auto& [name, value] : unit->environment) value = std::string(kMaskedValue);
}

}  // namespace

void mask_secrets(snapshot::Snapshot& snapshot) {
  if (snapshot.containers.ok()) {
    for (auto& container : *snapshot.containers.value) mask_container(container);
  }
  if (snapshot.images.ok()) {
    for (auto& image : *snapshot.images.value) mask_image(image);
  }
  if (snapshot.daemon.units.ok()) {
    mask_unit(snapshot.daemon.units.value->service);
    mask_unit(snapshot.daemon.units.value->socket);
  }
}

}  // namespace dockaudit::checks
