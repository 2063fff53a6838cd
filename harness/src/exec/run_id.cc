// What --run-id accepts. The id becomes part of resource names ("b${uniq}"
// is a bucket name: lower-case letters, digits and '-', 3 to 40 characters),
// so anything else would make cases fail for a reason of the harness's own.
#include <fmt/format.h>

#include "errcontract/runner.h"

namespace errcontract {

std::string run_id_problem(std::string_view id) {
  if (id.empty()) return "the run id is empty";
  if (id.size() > kMaxRunIdLength) {
    return fmt::format("the run id has {} characters; at most {} are allowed", id.size(),
                       kMaxRunIdLength);
  }
  auto lower_alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  for (char c : id) {
    if (lower_alnum(c) || c == '-') continue;
    if (c >= 'A' && c <= 'Z') {
      return "the run id has an upper-case letter; resource names are made from it, use "
             "lower-case letters, digits and '-'";
    }
    return "the run id may only have lower-case letters, digits and '-' (it is part of resource "
           "names)";
  }
  if (!lower_alnum(id.front())) return "the run id must start with a letter or a digit";
  return "";
}

}  // namespace errcontract
