// Order of checks for every request: route (10404), method (10405), token
// (11001, 11002; skipped on routes with needs_token = false), the account's
// standing (21110, 21111), well-formed parameters (the route's param_error),
// then the handler's own rules. Parsing happens before the lock; the handler
// runs under it, so concurrent requests see each other's effects whole.
#include "server/api_service.h"

#include <fmt/format.h>

#include <cctype>
#include <optional>
#include <random>

#include "errcontract/envelope.h"
#include "model/state_leftovers.h"
#include "model/state_restore.h"
#include "rules/account_rules.h"
#include "seed/seed.h"
#include "server/request_params.h"
#include "server/routes.h"

namespace errcontract::internal {
namespace {

constexpr std::string_view kJson = "application/json";

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// The token of "Authorization: Bearer <token>" (scheme case-insensitive);
// empty when the header is missing or uses another scheme.
std::string bearer_token(const std::string* header) {
  if (header == nullptr) return {};
  std::string_view value = trim(*header);
  constexpr std::string_view kScheme = "bearer ";
  if (value.size() <= kScheme.size()) return {};
  for (std::size_t i = 0; i < kScheme.size(); ++i) {
    if (static_cast<char>(std::tolower(static_cast<unsigned char>(value[i]))) != kScheme[i]) {
      return {};
    }
  }
  return std::string(trim(value.substr(kScheme.size())));
}

HttpResponse json_response(int status, std::string body) {
  HttpResponse response;
  response.status = status;
  response.headers.emplace_back("Content-Type", std::string(kJson));
  response.body = std::move(body);
  return response;
}

}  // namespace

ServerError server_error_for_status(int status) {
  std::string message;
  switch (status) {
    case 400:
      message = "Bad request.";
      break;
    case 404:
      message = "Route not found.";
      break;
    case 405:
      message = "Method not allowed.";
      break;
    case 408:
      message = "Request timeout.";
      break;
    case 413:
      message = "Request body too large.";
      break;
    case 414:
      message = "URI too long.";
      break;
    case 415:
      message = "Unsupported media type.";
      break;
    case 431:
      message = "Request headers too large.";
      break;
    case 500:
      message = "Internal server error.";
      break;
    case 503:
      message = "Service unavailable.";
      break;
    default:
      message = fmt::format("HTTP error {}.", status);
      break;
  }
  return ServerError{fmt::format("10{:03}", status % 1000), std::move(message)};
}

HttpResponse server_error_response(int status, std::string_view method, std::string_view path) {
  ServerError error = server_error_for_status(status);
  return json_response(status,
                       build_envelope_raw(error.code, request_echo(method, path), error.message));
}

ApiService::ApiService(Catalog catalog, std::shared_ptr<const Clock> clock)
    : catalog_(std::move(catalog)), clock_(std::move(clock)) {
  std::random_device device;
  std::seed_seq seed{device(), device(), device(), device(), device(), device()};
  state_.rng.seed(seed);
  fixtures_ = seed_fixtures(state_, clock_->now());
  seeded_ = state_;
}

void ApiService::reset() {
  std::lock_guard<std::mutex> lock(state_.mutex);
  if (!changed_since_seeding_) return;
  changed_since_seeding_ = false;
  // Most handlers refuse without writing, and those that write change a few
  // entries: comparing costs no allocation, copying the seeded world costs
  // thousands.
  restore_state(state_, seeded_);
}

std::vector<std::string> ApiService::leftovers() {
  std::lock_guard<std::mutex> lock(state_.mutex);
  return internal::leftovers(state_, seeded_);
}

HttpResponse ApiService::error_response(std::string_view code, std::string_view detail,
                                        std::string_view method, std::string_view path) const {
  const CodeEntry* entry = catalog_.find(code);
  if (entry == nullptr) {
    // A catalog without the code (a trimmed custom catalog): still an envelope.
    return json_response(
        500, build_envelope_raw(code, request_echo(method, path), "Undocumented error."));
  }
  if (detail.empty()) {
    return json_response(entry->status, build_envelope(catalog_, code, method, path));
  }
  return json_response(entry->status,
                       build_envelope_raw(code, request_echo(method, path),
                                          entry->canonical_message() + std::string(detail)));
}

HttpResponse ApiService::handle(const HttpRequest& request) {
  const std::string_view target(request.target);
  const std::string_view path = target.substr(0, target.find('?'));
  const bool head = request.method == "HEAD";
  const RouteMatch match = match_route(path, head ? std::string_view("GET") : request.method);
  if (!match.path_known) return server_error_response(404, request.method, path);
  if (match.route == nullptr) {
    HttpResponse response = server_error_response(405, request.method, path);
    response.headers.emplace_back("Allow", match.allow);
    return response;
  }
  Result<ParsedRequest> parsed = parse_request(request, match.route->json_document);
  Reply reply;
  try {
    std::lock_guard<std::mutex> lock(state_.mutex);
    const std::string token = bearer_token(find_header(request.headers, "Authorization"));
    auto found = state_.tokens.find(token);
    const std::int64_t now = clock_->now();
    const bool known = !token.empty() && found != state_.tokens.end();
    const bool expired = known && found->second.expires_at != 0 && now >= found->second.expires_at;
    const bool needs_token = match.route->needs_token;
    // 21110 or 21111: a blocked account, or one whose application was
    // rejected, can do nothing with the tokens it still holds.
    const std::optional<ErrorCode> standing =
        needs_token && known && !expired
            ? account_status_code(state_.accounts.at(found->second.account))
            : std::nullopt;
    if (needs_token && !known) {
      reply = Reply::error("11001");
    } else if (needs_token && expired) {
      reply = Reply::error("11002");
    } else if (standing) {
      reply = Reply::error(*standing);
    } else if (!parsed.ok()) {
      reply = Reply::error(match.route->param_error);
    } else {
      // A route without a token requirement ignores a missing, unknown or
      // expired token and runs with an empty placeholder account.
      Account anonymous;
      const bool authenticated = known && !expired;
      Account& account = authenticated ? state_.accounts.at(found->second.account) : anonymous;
      Call call{state_, account, *parsed, now, match.route->param_error, authenticated};
      changed_since_seeding_ = true;
      reply = match.route->handler(call);
    }
  } catch (const std::exception&) {
    return server_error_response(500, request.method, path);
  }
  HttpResponse response = reply.is_error()
                              ? error_response(reply.code, reply.detail, request.method, path)
                              : json_response(reply.status, std::move(reply.body));
  if (head) response.body.clear();
  return response;
}

}  // namespace errcontract::internal
