#include "errcontract/error_table.h"

namespace errcontract {
namespace {

bool is_code_row(std::string_view line) {
  if (line.size() < 6 || line[5] != ' ') return false;
  if (line[0] != '1' && line[0] != '2') return false;
  for (std::size_t i = 0; i < 5; ++i) {
    if (line[i] < '0' || line[i] > '9') return false;
  }
  return true;
}

}  // namespace

std::vector<ErrorTableRow> parse_error_table(std::string_view text) {
  std::vector<ErrorTableRow> rows;
  std::size_t line_no = 0;
  while (!text.empty()) {
    ++line_no;
    std::size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!is_code_row(line)) continue;
    rows.push_back({std::string(line.substr(0, 5)), std::string(line.substr(6)), line_no});
  }
  return rows;
}

}  // namespace errcontract
