// Helpers that turn byte offsets into "file:line:column" for error messages
// about input files, and read whole files into memory as values.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "errcontract/result.h"
#include "memory/huge_pages.h"

namespace errcontract::internal {

struct LineColumn {
  std::size_t line = 1;    // 1-based
  std::size_t column = 1;  // 1-based, in characters (UTF-8 continuation bytes do not count)
};

LineColumn line_column(std::string_view text, std::size_t offset);

// "cases/bucket.cases.json:41:7"
std::string location(std::string_view source_name, std::string_view text, std::size_t offset);

// Reads a whole file; the error names the path and the OS reason.
Result<std::string> read_file(const std::string& path);
// The same into huge pages, for a large file read once and dropped (a case
// file: its text is only parsed).
using HugePageText = std::basic_string<char, std::char_traits<char>, HugePageAllocator<char>>;
Result<HugePageText> read_file_huge_pages(const std::string& path);

}  // namespace errcontract::internal
