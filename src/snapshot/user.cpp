#include "src/snapshot/user.hpp"

#include <algorithm>
#include <cctype>

namespace dockaudit::snapshot {

namespace {

bool is_all_digits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(),
                                      [](unsigned char c) { return std::isdigit(c) != 0; });
}

// Numeric uids are read like Go's strconv.Atoi, which takes a sign: "+0" and
// "-0" are uid 0 to runc.
bool is_zero_uid(std::string_view uid) {
  if (!uid.empty() && (uid.front() == '+' || uid.front() == '-')) uid.remove_prefix(1);
  return is_all_digits(uid) && uid.find_first_not_of('0') == std::string_view::npos;
}

}  // namespace

bool is_root_user(std::string_view user) {
  const auto uid = user.substr(0, user.find(':'));
  return uid.empty() || uid == "root" || is_zero_uid(uid);
}

}  // namespace dockaudit::snapshot
