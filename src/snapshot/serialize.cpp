#include "src/snapshot/serialize.hpp"

#include <fstream>
#include <iterator>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "src/audit/json_input.hpp"
#include "src/audit/json_text.hpp"
#include "src/snapshot/serialized_fields.hpp"

namespace dockaudit::snapshot {

namespace {

using nlohmann::json;

template <typename T>
struct Kind {
  static constexpr bool optional = false, vector = false, map = false, gathered = false;
};
template <typename T>
struct Kind<std::optional<T>> : Kind<void> {
  static constexpr bool optional = true;
};
template <typename T>
struct Kind<std::vector<T>> : Kind<void> {
  static constexpr bool vector = true;
};
template <typename T>
struct Kind<std::map<std::string, T>> : Kind<void> {
  static constexpr bool map = true;
};
template <typename T>
struct Kind<Gathered<T>> : Kind<void> {
  static constexpr bool gathered = true;
};

template <typename T>
constexpr bool is_integer = std::is_integral_v<T> && !std::is_same_v<T, bool>;

// ---- writing ----

template <typename T>
json encode(const T& value);

struct Encoder {
  json& object;
  template <typename T>
  void operator()(const char* key, const T& value) {
    object[key] = encode(value);
  }
};

template <typename T>
json encode(const T& value) {
  if constexpr (std::is_same_v<T, json> || std::is_same_v<T, std::string> ||
                std::is_same_v<T, bool> || is_integer<T>) {
    return value;
  } else if constexpr (std::is_enum_v<T>) {
    for (const auto& [enumerator, word] : enum_words(value)) {
      if (enumerator == value) return std::string(word);
    }
    return nullptr;  // unreachable for a valid enumerator; the loader refuses it
  } else if constexpr (Kind<T>::optional) {
    return value ? encode(*value) : json(nullptr);
  } else if constexpr (Kind<T>::vector) {
    auto array = json::array();
    for (const auto& item : value) array.push_back(encode(item));
    return array;
  } else if constexpr (Kind<T>::map) {
    auto object = json::object();
    for (const auto& [key, item] : value) object[key] = encode(item);
    return object;
  } else if constexpr (Kind<T>::gathered) {
    return {{"value", encode(value.value)}, {"error", value.error}};
  } else {
    auto object = json::object();
    Encoder encoder{object};
    serialized_fields(encoder, value);
    return object;
  }
}

// ---- reading ----

// Where a value sits: the file and the JSON pointer inside it.
struct Place {
  const std::string& file;
  std::string pointer;

  Place child(std::string_view key) const {
    std::string escaped;
    for (const char c : key) {
      if (c == '~') {
        escaped += "~0";
      } else if (c == '/') {
        escaped += "~1";
      } else {
        escaped += c;
      }
    }
    return {file, pointer + "/" + escaped};
  }
  Place child(std::size_t index) const { return {file, fmt::format("{}/{}", pointer, index)}; }

  [[noreturn]] void fail(std::string_view problem) const {
    throw SnapshotError(fmt::format("{}: {}: {}", file, pointer.empty() ? "/" : pointer, problem));
  }
};

std::string describe(const json& value) {
  if (value.is_object()) return "an object";
  if (value.is_array()) return "an array";
  return audit::excerpt(value, 60);
}

void expect(bool ok, const json& value, const Place& place, std::string_view wanted) {
  if (!ok) place.fail(fmt::format("expected {}, got {}", wanted, describe(value)));
}

template <typename T>
void decode(const json& in, const Place& place, T& out);

// Reads the keys serialized_fields names and refuses any other, so a typo in
// a hand-edited document is not silently dropped.
struct Decoder {
  const json& object;
  const Place& place;
  std::set<std::string_view> seen;

  template <typename T>
  void operator()(const char* key, T& value) {
    const auto found = object.find(key);
    if (found == object.end()) place.fail(fmt::format("missing key \"{}\"", key));
    seen.insert(key);
    decode(*found, place.child(key), value);
  }

  void refuse_unknown_keys() const {
    for (const auto& [key, value] : object.items()) {
      if (!seen.contains(key)) place.child(key).fail("unknown key");
    }
  }
};

template <typename T>
void decode_integer(const json& in, const Place& place, T& out) {
  expect(in.is_number_integer(), in, place, "an integer");
  const bool fits = in.is_number_unsigned() ? std::in_range<T>(in.get<std::uint64_t>())
                                            : std::in_range<T>(in.get<std::int64_t>());
  if (!fits) place.fail(fmt::format("{} is out of range", describe(in)));
  out = in.is_number_unsigned() ? static_cast<T>(in.get<std::uint64_t>())
                                : static_cast<T>(in.get<std::int64_t>());
}

template <typename T>
void decode_enum(const json& in, const Place& place, T& out) {
  expect(in.is_string(), in, place, "a string");
  std::vector<std::string_view> words;
  for (const auto& [enumerator, word] : enum_words(out)) {
    if (in.get<std::string>() == word) {
      out = enumerator;
      return;
    }
    words.push_back(word);
  }
  place.fail(fmt::format("{} is not one of {}", describe(in), fmt::join(words, ", ")));
}

template <typename T>
void decode(const json& in, const Place& place, T& out) {
  if constexpr (std::is_same_v<T, json>) {
    out = in;
  } else if constexpr (std::is_same_v<T, std::string>) {
    expect(in.is_string(), in, place, "a string");
    out = in.get<std::string>();
  } else if constexpr (std::is_same_v<T, bool>) {
    expect(in.is_boolean(), in, place, "true or false");
    out = in.get<bool>();
  } else if constexpr (is_integer<T>) {
    decode_integer(in, place, out);
  } else if constexpr (std::is_enum_v<T>) {
    decode_enum(in, place, out);
  } else if constexpr (Kind<T>::optional) {
    out.reset();
    if (in.is_null()) return;
    decode(in, place, out.emplace());
  } else if constexpr (Kind<T>::vector) {
    expect(in.is_array(), in, place, "an array");
    out.assign(in.size(), {});
    for (std::size_t i = 0; i < in.size(); ++i) decode(in[i], place.child(i), out[i]);
  } else if constexpr (Kind<T>::map) {
    expect(in.is_object(), in, place, "an object");
    out.clear();
    for (const auto& [key, item] : in.items()) decode(item, place.child(key), out[key]);
  } else if constexpr (Kind<T>::gathered) {
    expect(in.is_object(), in, place, "an object with \"value\" and \"error\"");
    Decoder decoder{in, place, {}};
    decoder("value", out.value);
    decoder("error", out.error);
    decoder.refuse_unknown_keys();
  } else {
    expect(in.is_object(), in, place, "an object");
    Decoder decoder{in, place, {}};
    serialized_fields(decoder, out);
    decoder.refuse_unknown_keys();
  }
}

// The keys beside the snapshot's own fields.
constexpr std::array kOriginKeys = {"kind", "format_version", "tool_version", "hostname",
                                    "engine_endpoint"};

void check_identity(const json& document, const Place& top) {
  expect(document.is_object(), document, top, "a dockaudit snapshot object");
  const auto kind = document.find("kind");
  if (kind == document.end() || *kind != kSnapshotKind) {
    // A host report is what is most often given here by mistake.
    const bool report = kind != document.end() && *kind == "host";
    top.child("kind").fail(fmt::format("not a dockaudit snapshot: expected \"{}\", got {}{}",
                                       kSnapshotKind,
                                       kind == document.end() ? "nothing" : describe(*kind),
                                       report ? "; that is a dockaudit JSON report, which "
                                                "dockaudit report convert renders"
                                              : ""));
  }
  const auto version = document.find("format_version");
  if (version == document.end() || !version->is_number_integer()) {
    top.child("format_version")
        .fail(fmt::format("this dockaudit reads snapshot format {}, the file has {}",
                          kSnapshotFormatVersion,
                          version == document.end() ? "none" : describe(*version)));
  }
  const auto format = version->get<std::int64_t>();
  if (format < kSnapshotFormatVersion) {
    top.child("format_version")
        .fail(fmt::format("the file has snapshot format {}, older than the format {} this "
                          "dockaudit reads; collect the snapshot again with \"dockaudit "
                          "snapshot\"",
                          format, kSnapshotFormatVersion));
  }
  if (format > kSnapshotFormatVersion) {
    const auto saved_by = document.find("tool_version");
    top.child("format_version")
        .fail(fmt::format("the file has snapshot format {}, newer than the format {} this "
                          "dockaudit reads; audit it with the dockaudit that saved it{} or a "
                          "later one",
                          format, kSnapshotFormatVersion,
                          saved_by != document.end() && saved_by->is_string()
                              ? fmt::format(" ({})", saved_by->get<std::string>())
                              : ""));
  }
}

}  // namespace

json to_json(const Snapshot& snapshot, const SnapshotOrigin& origin) {
  auto document = json::object({{"kind", kSnapshotKind},
                                {"format_version", kSnapshotFormatVersion},
                                {"tool_version", origin.tool_version},
                                {"hostname", origin.hostname},
                                {"engine_endpoint", origin.engine_endpoint}});
  document.update(encode(snapshot));
  return document;
}

LoadedSnapshot snapshot_from_json(const json& document, const std::string& path) {
  const Place top{path, ""};
  check_identity(document, top);

  LoadedSnapshot loaded;
  Decoder origin{document, top, {kOriginKeys.begin(), kOriginKeys.end()}};
  origin("tool_version", loaded.origin.tool_version);
  origin("hostname", loaded.origin.hostname);
  origin("engine_endpoint", loaded.origin.engine_endpoint);

  Decoder fields{document, top, origin.seen};
  serialized_fields(fields, loaded.snapshot);
  fields.refuse_unknown_keys();
  return loaded;
}

LoadedSnapshot load_snapshot(const std::filesystem::path& path) {
  const auto name = path.string();
  std::error_code error;
  const auto size = std::filesystem::file_size(path, error);
  if (error) throw SnapshotError(fmt::format("{}: cannot read: {}", name, error.message()));
  if (size > kMaxSnapshotBytes) {
    throw SnapshotError(fmt::format("{}: {} bytes is larger than the {} MiB a snapshot may have",
                                    name, size, kMaxSnapshotBytes / (1024 * 1024)));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw SnapshotError(fmt::format("{}: cannot open for reading", name));
  const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (in.bad()) throw SnapshotError(fmt::format("{}: read failed", name));

  json document;
  try {
    document = audit::parse_json(text, name, kMaxSnapshotDepth);
  } catch (const audit::JsonInputError& problem) {
    throw SnapshotError(problem.what());
  }
  return snapshot_from_json(document, name);
}

}  // namespace dockaudit::snapshot
