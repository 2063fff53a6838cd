// Untrusted text as one line of inline Markdown (the Markdown reports): a
// hostile body cannot inject markup, links or HTML into a PR comment.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace errcontract::internal {

// Lines longer than this are cut (PR comments have a size limit).
inline constexpr std::size_t kMaxMarkdownLineBytes = 300;

// One line of inline Markdown: visible, cut, with every character that
// Markdown or HTML could read as syntax escaped ('|' too, so it is safe in a
// table cell).
std::string md(std::string_view raw);

}  // namespace errcontract::internal
