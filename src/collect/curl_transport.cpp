#include "src/collect/curl_transport.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <memory>
#include <mutex>

#include <curl/curl.h>
#include <fmt/format.h>

namespace dockaudit::collect {

namespace {

struct Download {
  HttpResponse response;
  std::size_t cap = 0;
  bool over_cap = false;
};

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto& download = *static_cast<Download*>(user);
  const auto bytes = size * count;
  if (download.response.body.size() + bytes > download.cap) {
    download.over_cap = true;
    return 0;  // makes libcurl stop with CURLE_WRITE_ERROR
  }
  download.response.body.append(data, bytes);
  return bytes;
}

std::string trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(first, last - first + 1));
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
  auto& download = *static_cast<Download*>(user);
  const std::string_view line(data, size * count);
  const auto colon = line.find(':');
  if (colon != std::string_view::npos) {
    auto name = std::string(line.substr(0, colon));
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    download.response.headers[trim(name)] = trim(line.substr(colon + 1));
  }
  return size * count;
}

std::string describe_file_type(const std::string& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) return "";
  if (S_ISDIR(info.st_mode)) return "a directory";
  if (S_ISREG(info.st_mode)) return "a regular file";
  if (S_ISSOCK(info.st_mode)) return "";
  if (S_ISFIFO(info.st_mode)) return "a FIFO";
  return "a device or other special file";
}

std::string explain_connect_failure(const Endpoint& endpoint, long os_errno) {
  const auto& path = endpoint.socket_path;
  switch (os_errno) {
    case ENOENT:
      return fmt::format(
          "cannot reach the engine: socket {} does not exist; is dockerd running, and does "
          "--host or DOCKER_HOST name its socket?",
          path);
    case EACCES:
      return fmt::format(
          "cannot reach the engine: permission denied on socket {}; run dockaudit as root or "
          "as a member of the socket's group (usually 'docker')",
          path);
    case ENOTSOCK:
    case ECONNREFUSED: {
      const auto type = describe_file_type(path);
      if (!type.empty()) {
        return fmt::format(
            "cannot reach the engine: {} is {}, not a socket; point --host at "
            "the daemon's socket",
            path, type);
      }
      return fmt::format(
          "cannot reach the engine: connection refused on socket {}; the "
          "socket is stale or no daemon is listening on it",
          path);
    }
    default:
      return fmt::format("cannot reach the engine at {}: {}", endpoint.url,
                         std::strerror(static_cast<int>(os_errno)));
  }
}

void init_curl_once() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

}  // namespace

CurlTransport::CurlTransport(Endpoint endpoint, TransportLimits limits)
    : endpoint_(std::move(endpoint)), limits_(limits) {
  init_curl_once();
}

snapshot::Gathered<HttpResponse> CurlTransport::get(const std::string& path) {
  using Result = snapshot::Gathered<HttpResponse>;
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> handle(curl_easy_init(), &curl_easy_cleanup);
  if (!handle) return Result::failure("libcurl could not create a request handle");

  Download download;
  download.cap = limits_.max_answer_bytes;
  // The host part of the URL is ignored when a unix socket path is set.
  const auto url = "http://localhost" + path;
  auto* curl = handle.get();
  curl_easy_setopt(curl, CURLOPT_UNIX_SOCKET_PATH, endpoint_.socket_path.c_str());
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS,
                   static_cast<long>(limits_.connect_timeout.count()));
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(limits_.request_timeout.count()));
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &on_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &download);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, &on_header);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &download);

  const auto code = curl_easy_perform(curl);
  if (code == CURLE_OK) {
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &download.response.status);
    return {std::move(download.response), ""};
  }
  if (download.over_cap) {
    return Result::failure(fmt::format("the engine's answer to GET {} exceeds the {} MiB cap", path,
                                       limits_.max_answer_bytes / (1024 * 1024)));
  }
  if (code == CURLE_OPERATION_TIMEDOUT) {
    return Result::failure(
        fmt::format("the engine at {} did not answer GET {} within {} s; the daemon may be hung",
                    endpoint_.url, path, limits_.request_timeout.count() / 1000.0));
  }
  if (code == CURLE_COULDNT_CONNECT) {
    long os_errno = 0;
    curl_easy_getinfo(curl, CURLINFO_OS_ERRNO, &os_errno);
    return Result::failure(explain_connect_failure(endpoint_, os_errno));
  }
  return Result::failure(
      fmt::format("GET {} from {} failed: {}", path, endpoint_.url, curl_easy_strerror(code)));
}

}  // namespace dockaudit::collect
