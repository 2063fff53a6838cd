// The lint rules that read the table as written (docs/error-codes.txt), not
// the catalog: what the catalog had to clean up or decide to get its columns.
#include <fmt/format.h>

#include <set>

#include "catalog/catalog_lint_rules.h"
#include "errcontract/error_table.h"

namespace errcontract::internal {
namespace {

bool is_ascii_word_start(std::string_view text) {
  return !text.empty() && static_cast<unsigned char>(text[0]) < 0x80 && text[0] != ' ';
}

// The ASCII words a description starts with ("CDN", "css/js/html").
std::string leading_ascii(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80) break;
    out += c;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string without_backslashes(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c != '\\') out += c;
  }
  return out;
}

void row_rules(const CodeEntry& e, const ErrorTableRow& row, LintIssues& out) {
  if (row.text.find('\\') != std::string::npos) {
    out.push_back({e.code, "lint.raw_escape",
                   fmt::format("the table writes \"{}\": a backslash escape leaked from source "
                               "code; the catalog's message drops it (\"{}\")",
                               row.text, e.message),
                   row.line});
  }
  const std::string rebuilt = e.message.empty()          ? e.description_zh
                              : e.description_zh.empty() ? e.message
                                                         : e.message + " " + e.description_zh;
  if (rebuilt != without_backslashes(row.text)) {
    out.push_back({e.code, "lint.column_split",
                   fmt::format("the row \"{}\" is not the catalog's message \"{}\" and description "
                               "\"{}\" joined by a space",
                               row.text, e.message, e.description_zh),
                   row.line});
  } else if (!e.message.empty() && is_ascii_word_start(e.description_zh)) {
    out.push_back({e.code, "lint.column_split",
                   fmt::format("the Chinese column starts with the ASCII words \"{}\": where the "
                               "English message ends is a reading (\"{}\" + \"{}\")",
                               leading_ascii(e.description_zh), e.message, e.description_zh),
                   row.line});
  } else if (e.message.empty() && is_ascii_word_start(e.description_zh)) {
    out.push_back({e.code, "lint.column_split",
                   fmt::format("the row has no English message: its text column holds the "
                               "Chinese \"{}\"",
                               e.description_zh),
                   row.line});
  }
}

}  // namespace

void lint_raw_table(const Catalog& catalog, std::string_view table_text, LintIssues& out) {
  std::set<std::string> in_table;
  for (const ErrorTableRow& row : parse_error_table(table_text)) {
    in_table.insert(row.code);
    const CodeEntry* e = catalog.find(row.code);
    if (e == nullptr || e->is_extension()) {
      out.push_back({row.code, "lint.table_mismatch",
                     "the table lists this code but the catalog has no table entry for it",
                     row.line});
      continue;
    }
    row_rules(*e, row, out);
  }
  for (const auto& e : catalog.entries()) {
    if (!e.is_extension() && in_table.count(e.code) == 0) {
      out.push_back({e.code, "lint.table_mismatch",
                     "the catalog has this code from the table, but the table has no such row"});
    }
  }
}

}  // namespace errcontract::internal
