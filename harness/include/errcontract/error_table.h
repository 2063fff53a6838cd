// Reads the user's source table (docs/error-codes.txt) as it is written:
// one "CODE english words 中文描述" row per code. Used to prove that the
// catalog never drifts from the table.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace errcontract {

struct ErrorTableRow {
  std::string code;
  std::string text;  // everything after the code and one space, as written
  std::size_t line = 0;
};

// Every row of the "错误代码" section, in file order.
std::vector<ErrorTableRow> parse_error_table(std::string_view text);

}  // namespace errcontract
