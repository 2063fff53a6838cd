// Changes are computed by name, not by position: a mutation that drops,
// duplicates or moves a parameter changes the list around it, and reverting
// "bucket_name" must not disturb the parameters beside it. A name's change is
// all its occurrences at once (none: removed; two: duplicated).
#include "fuzzapi/minimiser.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <utility>

#include "fuzzapi/request_mutator.h"

namespace errcontract::internal {
namespace {

bool same_name(std::string_view a, std::string_view b, bool any_case) {
  if (!any_case) return a == b;
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

bool is_authorization(std::string_view name) { return same_name(name, "Authorization", true); }

std::vector<std::string> values_of(const KeyValues& pairs, std::string_view name, bool any_case) {
  std::vector<std::string> out;
  for (const auto& [n, v] : pairs) {
    if (same_name(n, name, any_case)) out.push_back(v);
  }
  return out;
}

// Names in the order they first appear in `from`, then in `to`.
std::vector<std::string> names_of(const KeyValues& from, const KeyValues& to, bool any_case) {
  std::vector<std::string> names;
  for (const KeyValues* pairs : {&from, &to}) {
    for (const auto& pair : *pairs) {
      // Not a structured binding: clang 14 cannot capture one in a lambda.
      const std::string& n = pair.first;
      const bool known = std::any_of(names.begin(), names.end(), [&](const std::string& seen) {
        return same_name(seen, n, any_case);
      });
      if (!known) names.push_back(n);
    }
  }
  return names;
}

void add_named_changes(ChangeKind kind, const KeyValues& from, const KeyValues& to, bool any_case,
                       std::vector<RequestChange>& out) {
  for (const std::string& name : names_of(from, to, any_case)) {
    if (kind == ChangeKind::kHeader && is_authorization(name)) continue;  // part of kAuth
    if (values_of(from, name, any_case) != values_of(to, name, any_case)) {
      out.push_back({kind, name});
    }
  }
}

// `name`'s occurrences in `out` replaced by those in `to`, where its first
// occurrence stood (else at the end).
void take_named(KeyValues& out, const KeyValues& to, std::string_view name, bool any_case) {
  auto first = std::find_if(out.begin(), out.end(), [&](const auto& pair) {
    return same_name(pair.first, name, any_case);
  });
  std::size_t at = static_cast<std::size_t>(first - out.begin());
  KeyValues kept;
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (!same_name(out[i].first, name, any_case)) kept.push_back(out[i]);
  }
  at = std::min(at, kept.size());
  KeyValues taken;
  for (const auto& pair : to) {
    if (same_name(pair.first, name, any_case)) taken.push_back(pair);
  }
  kept.insert(kept.begin() + static_cast<std::ptrdiff_t>(at), taken.begin(), taken.end());
  out = std::move(kept);
}

template <typename Request>
auto* list_of(Request& r, ChangeKind kind) {
  using List = decltype(&r.query);
  switch (kind) {
    case ChangeKind::kQuery:
      return &r.query;
    case ChangeKind::kHeader:
      return &r.headers;
    case ChangeKind::kForm:
      return &r.form;
    default:
      return List{nullptr};
  }
}

// A value as it can be printed: short, printable ASCII, its length if long;
// in quotes, or (a JSON value, which has its own) as it is.
std::string shown(std::string_view value, bool quoted = true) {
  constexpr std::size_t kShown = 24;
  const std::string quote = quoted ? "\"" : "";
  std::string out = quote;
  for (const char c : value.substr(0, kShown)) {
    const auto byte = static_cast<unsigned char>(c);
    out += byte >= 0x20 && byte < 0x7f && !(quoted && (c == '"' || c == '\\'))
               ? std::string(1, c)
               : fmt::format("\\x{:02x}", static_cast<unsigned>(byte));
  }
  out += (value.size() > kShown ? "..." : "") + quote;
  if (value.size() > kShown) out += fmt::format(" ({} bytes)", value.size());
  return out;
}

std::string shown_values(const std::string& name, const std::vector<std::string>& values,
                         std::string_view sep, bool quoted = true) {
  if (values.empty()) return name + " removed";
  std::string out;
  for (const std::string& v : values) {
    out += (out.empty() ? "" : " ") + name + std::string(sep) + shown(v, quoted);
  }
  return out;
}

std::string shown_body(const RequestSpec& r) {
  switch (r.body_kind) {
    case BodyKind::kNone:
      return "none";
    case BodyKind::kForm:
      return fmt::format("a form of {} parameters", r.form.size());
    case BodyKind::kJson:
      return "JSON " + shown(r.json);
    case BodyKind::kRaw:
      return (r.content_type.empty() ? "no Content-Type" : r.content_type) + " " + shown(r.raw);
  }
  return {};
}

}  // namespace

std::vector<RequestChange> request_changes(const RequestSpec& from, const RequestSpec& to) {
  std::vector<RequestChange> out;
  if (from.method != to.method) out.push_back({ChangeKind::kMethod, ""});
  if (from.path != to.path) out.push_back({ChangeKind::kPath, ""});
  if (from.auth != to.auth || values_of(from.headers, "Authorization", true) !=
                                  values_of(to.headers, "Authorization", true)) {
    out.push_back({ChangeKind::kAuth, ""});
  }
  add_named_changes(ChangeKind::kQuery, from.query, to.query, false, out);
  add_named_changes(ChangeKind::kHeader, from.headers, to.headers, true, out);
  if (from.body_kind != to.body_kind) {
    out.push_back({ChangeKind::kBody, ""});
    return out;
  }
  switch (from.body_kind) {
    case BodyKind::kNone:
      break;
    case BodyKind::kForm:
      add_named_changes(ChangeKind::kForm, from.form, to.form, false, out);
      break;
    case BodyKind::kJson: {
      KeyValues a, b;
      if (json_members(from.json, a) && json_members(to.json, b)) {
        add_named_changes(ChangeKind::kJsonMember, a, b, false, out);
      } else if (from.json != to.json) {
        out.push_back({ChangeKind::kBody, ""});
      }
      break;
    }
    case BodyKind::kRaw:
      if (from.content_type != to.content_type) out.push_back({ChangeKind::kContentType, ""});
      if (from.raw != to.raw) out.push_back({ChangeKind::kRaw, ""});
      break;
  }
  return out;
}

RequestSpec with_changes(const RequestSpec& from, const RequestSpec& to,
                         const std::vector<RequestChange>& changes) {
  RequestSpec out = from;
  KeyValues members;
  bool members_changed = false;
  for (const RequestChange& c : changes) {
    switch (c.kind) {
      case ChangeKind::kMethod:
        out.method = to.method;
        break;
      case ChangeKind::kPath:
        out.path = to.path;
        break;
      case ChangeKind::kAuth:
        out.auth = to.auth;
        take_named(out.headers, to.headers, "Authorization", true);
        break;
      case ChangeKind::kQuery:
      case ChangeKind::kHeader:
      case ChangeKind::kForm:
        take_named(*list_of(out, c.kind), *list_of(to, c.kind), c.name,
                   c.kind == ChangeKind::kHeader);
        break;
      case ChangeKind::kJsonMember: {
        KeyValues theirs;
        if (!members_changed && !json_members(out.json, members)) break;
        members_changed = true;
        json_members(to.json, theirs);
        take_named(members, theirs, c.name, false);
        break;
      }
      case ChangeKind::kBody:
        out.body_kind = to.body_kind;
        out.form = to.form;
        out.json = to.json;
        out.raw = to.raw;
        out.content_type = to.content_type;
        break;
      case ChangeKind::kContentType:
        out.content_type = to.content_type;
        break;
      case ChangeKind::kRaw:
        out.raw = to.raw;
        break;
    }
  }
  if (members_changed) out.json = json_object(members);
  return out;
}

std::string describe_change(const RequestChange& change, const RequestSpec& to) {
  switch (change.kind) {
    case ChangeKind::kMethod:
      return "method " + to.method;
    case ChangeKind::kPath:
      return "path " + shown(to.path);
    case ChangeKind::kAuth: {
      const auto headers = values_of(to.headers, "Authorization", true);
      if (!headers.empty()) return shown_values("Authorization", headers, ": ");
      return to.auth.empty() ? "no auth" : "auth " + to.auth;
    }
    case ChangeKind::kQuery:
      return "query " + shown_values(change.name, values_of(to.query, change.name, false), "=");
    case ChangeKind::kHeader:
      return "header " + shown_values(change.name, values_of(to.headers, change.name, true), ": ");
    case ChangeKind::kForm:
      return "form " + shown_values(change.name, values_of(to.form, change.name, false), "=");
    case ChangeKind::kJsonMember: {
      KeyValues members;
      json_members(to.json, members);
      return "JSON member " +
             shown_values(change.name, values_of(members, change.name, false), "=", false);
    }
    case ChangeKind::kBody:
      return "body " + shown_body(to);
    case ChangeKind::kContentType:
      return "Content-Type " + (to.content_type.empty() ? "none" : shown(to.content_type));
    case ChangeKind::kRaw:
      return "raw body " + shown(to.raw);
  }
  return {};
}

Minimised minimise_request(const RequestSpec& baseline, const RequestSpec& sent,
                           const ProbeFn& probe, std::size_t max_attempts) {
  Minimised m;
  m.request = sent;
  m.kept = request_changes(baseline, sent);
  m.changes = m.kept.size();
  if (m.kept.empty()) return m;  // the baseline itself: nothing to revert
  auto attempt = [&](const RequestSpec& request) {
    if (m.attempts >= max_attempts) {
      m.stopped = true;
      return Probe::kStop;
    }
    ++m.attempts;
    const Probe p = probe(request);
    if (p == Probe::kStop) m.stopped = true;
    return p;
  };
  // Resent as it was first: a violation that does not show again (it needed
  // state that has gone since) keeps the request as sent.
  if (attempt(sent) != Probe::kShows) return m;
  m.reproduced = true;
  for (bool dropped = true; dropped && !m.kept.empty();) {
    dropped = false;
    for (std::size_t i = 0; i < m.kept.size();) {
      std::vector<RequestChange> fewer = m.kept;
      fewer.erase(fewer.begin() + static_cast<std::ptrdiff_t>(i));
      RequestSpec candidate = with_changes(baseline, sent, fewer);
      const Probe p = attempt(candidate);
      if (p == Probe::kStop) return m;
      if (p == Probe::kShows) {
        m.kept = std::move(fewer);
        m.request = std::move(candidate);
        dropped = true;
      } else {
        ++i;
      }
    }
  }
  return m;
}

void minimise_violations(FuzzResult& result, const std::vector<ViolationOrigin>& origins,
                         const std::function<Probe(std::size_t, const RequestSpec&)>& probe,
                         const std::function<RequestSpec(std::size_t, const RequestSpec&)>& refer,
                         const MinimiseLimits& limits) {
  FuzzMinimisation& figures = result.minimisation;
  for (std::size_t i = 0; i < result.violations.size() && i < origins.size(); ++i) {
    FuzzViolation& v = result.violations[i];
    const ViolationOrigin& origin = origins[i];
    v.original_mutation = v.mutation;
    v.original_request = v.request;
    if (v.finding == kUnaskedResponseFinding) continue;  // no reproducer
    if (origin.baseline == nullptr) {
      v.minimise_note = "not minimised: no baseline to minimise towards (" +
                        std::string(v.mutation == "setup" ? "a setup step" : "a --corpus entry") +
                        ")";
      continue;
    }
    const std::size_t left = limits.total - std::min(limits.total, figures.requests);
    const Minimised m = minimise_request(
        *origin.baseline, origin.sent,
        [&](const RequestSpec& request) { return probe(i, request); },
        std::min(limits.per_violation, left));
    v.changes = m.changes;
    v.changes_kept = m.kept.size();
    v.minimise_requests = m.attempts;
    figures.requests += m.attempts;
    if (m.changes == 0) {
      v.minimise_note = "not minimised: the case's own trigger request, no change to drop";
      continue;
    }
    if (!m.reproduced) {
      ++figures.not_reproduced;
      v.minimise_note = m.stopped ? "not minimised: no attempt left"
                                  : "not minimised: it did not show again when sent again, so the "
                                    "request is kept as it was sent";
      continue;
    }
    const RequestSpec referred = refer(i, m.request);
    std::string kept;
    for (const RequestChange& c : m.kept) {
      kept += (kept.empty() ? "" : "; ") + describe_change(c, referred);
    }
    v.request = referred;
    v.mutation = kept;
    v.minimised = true;
    ++figures.violations;
    figures.changes += m.changes;
    figures.dropped += m.changes - m.kept.size();
    v.minimise_note = fmt::format(
        "minimised: kept {} of {} changes from the baseline ({} requests{})", m.kept.size(),
        m.changes, m.attempts, m.stopped ? ", stopped by the attempt cap" : "");
  }
}

}  // namespace errcontract::internal
