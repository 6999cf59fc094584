// json_schema_check SCHEMA DOCUMENT: exits 0 when DOCUMENT is valid against
// SCHEMA, else prints each violation and exits 1 (2 when a file is unreadable).
#include <fstream>
#include <iostream>

#include "tests/tools/json_schema.hpp"

namespace {

nlohmann::json read_json(const char* path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(std::string(path) + ": cannot open");
  try {
    return nlohmann::json::parse(in);
  } catch (const nlohmann::json::parse_error& problem) {
    throw std::runtime_error(std::string(path) + ": not JSON: " + problem.what());
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: json_schema_check SCHEMA DOCUMENT\n";
    return 2;
  }
  try {
    const auto errors = dockaudit::testing::schema_errors(read_json(argv[1]), read_json(argv[2]));
    for (const auto& error : errors) std::cerr << argv[2] << ": " << error << "\n";
    if (!errors.empty()) return 1;
    std::cout << argv[2] << ": valid against " << argv[1] << "\n";
    return 0;
  } catch (const std::exception& problem) {
    std::cerr << "json_schema_check: " << problem.what() << "\n";
    return 2;
  }
}
