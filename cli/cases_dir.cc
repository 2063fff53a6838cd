#include "cases_dir.h"

#include <cstdlib>
#include <filesystem>
#include <system_error>
#include <vector>

namespace errcontract::cli {
namespace {

namespace fs = std::filesystem;

// The folder of the running executable ("" if /proc is not mounted).
fs::path executable_dir() {
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::path() : exe.parent_path();
}

bool is_dir(const fs::path& p) {
  std::error_code ec;
  return fs::is_directory(p, ec);
}

}  // namespace

Result<std::string> find_cases_dir(const std::string& explicit_dir) {
  if (!explicit_dir.empty()) return explicit_dir;
  if (const char* env = std::getenv("ERRC_CASES_DIR"); env != nullptr && *env != '\0') {
    return std::string(env);
  }
  std::vector<fs::path> tried;
  if (const fs::path exe_dir = executable_dir(); !exe_dir.empty()) {
    tried.push_back(exe_dir.parent_path() / "share" / "errcontract" / "cases");
    tried.push_back(exe_dir / "share" / "errcontract" / "cases");
  }
  for (const auto& dir : tried) {
    if (is_dir(dir)) return fs::weakly_canonical(dir).string();
  }
  std::string looked;
  for (const auto& dir : tried) looked += "\n  " + dir.string();
  return Status(
      StatusCode::kInvalidArgument,
      "no case library found: pass --cases DIR or set ERRC_CASES_DIR (looked in:" + looked + ")");
}

}  // namespace errcontract::cli
