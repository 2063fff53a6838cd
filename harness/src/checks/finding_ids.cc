// The finding table's rows, built from the ERRC_FINDINGS list so that the
// enum and the table cannot drift apart.
#include "errcontract/finding_ids.h"

#include <fmt/format.h>

#include <array>
#include <ostream>

#include "text/did_you_mean.h"

namespace errcontract {
namespace {

constexpr FindingInfo kTable[] = {
#define ERRC_FINDING_ROW(name, id, check, severity, lenient, disable, meaning)    \
  {FindingId::name,      id,     check, Severity::severity, LenientRule::lenient, \
   DisableRule::disable, meaning},
    ERRC_FINDINGS(ERRC_FINDING_ROW)
#undef ERRC_FINDING_ROW
};

constexpr bool rows_in_enum_order() {
  for (std::size_t i = 0; i < std::size(kTable); ++i) {
    if (static_cast<std::size_t>(kTable[i].id) != i) return false;
  }
  return true;
}
static_assert(rows_in_enum_order(), "info(id) indexes the table by the enum's value");

constexpr std::array<std::string_view, std::size(kTable)> names() {
  std::array<std::string_view, std::size(kTable)> out{};
  for (std::size_t i = 0; i < std::size(kTable); ++i) out[i] = kTable[i].name;
  return out;
}
constexpr auto kNames = names();

}  // namespace

std::span<const FindingInfo> finding_table() { return kTable; }

const FindingInfo& info(FindingId id) { return kTable[static_cast<std::size_t>(id)]; }

std::string_view to_string(FindingId id) { return info(id).name; }

std::ostream& operator<<(std::ostream& out, FindingId id) { return out << to_string(id); }

Severity severity_of(FindingId id, bool lenient) {
  const FindingInfo& row = info(id);
  return lenient && row.lenient == LenientRule::kLenientWarning ? Severity::kWarning : row.severity;
}

std::optional<FindingId> find_finding_id(std::string_view name) {
  for (const FindingInfo& row : kTable) {
    if (row.name == name) return row.id;
  }
  return std::nullopt;
}

std::string disable_check_problem(std::string_view name) {
  const std::optional<FindingId> id = find_finding_id(name);
  if (!id) {
    return fmt::format("unknown finding id \"{}\"{}; `errcontract checks` lists them", name,
                       internal::did_you_mean(name, kNames));
  }
  if (info(*id).disable == DisableRule::kFixed) {
    return fmt::format(
        "{} cannot be disabled: without it a case that never sent its request would pass", name);
  }
  return {};
}

}  // namespace errcontract
