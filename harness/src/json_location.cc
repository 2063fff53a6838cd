#include "json_location.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace errcontract::internal {

LineColumn line_column(std::string_view text, std::size_t offset) {
  LineColumn lc;
  if (offset > text.size()) offset = text.size();
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++lc.line;
      lc.column = 1;
    } else {
      ++lc.column;
    }
  }
  return lc;
}

std::string location(std::string_view source_name, std::string_view text, std::size_t offset) {
  LineColumn lc = line_column(text, offset);
  return std::string(source_name) + ":" + std::to_string(lc.line) + ":" + std::to_string(lc.column);
}

Result<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Status(StatusCode::kIoError, path + ": cannot open: " + std::strerror(errno));
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return Status(StatusCode::kIoError, path + ": read failed");
  return buffer.str();
}

}  // namespace errcontract::internal
