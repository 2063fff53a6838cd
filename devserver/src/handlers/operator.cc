// Operators (sub-accounts that work on buckets) and their grants on buckets:
// 21401 bad or missing field, 21402 name taken (names are global), 21403
// unknown operator (or one of another account, which is not disclosed).
#include "handlers/handlers.h"

#include "server/json_out.h"
#include "server/validate.h"

namespace errcontract::internal {
namespace {

constexpr std::size_t kMinPassword = 6;
constexpr std::size_t kMaxPassword = 64;
constexpr std::size_t kMaxRealname = 64;

bool is_valid_password(const std::string& password) {
  return password.size() >= kMinPassword && password.size() <= kMaxPassword &&
         is_valid_user_agent(password);
}

// The caller's operator named by `operator_name`: 21401 when the parameter is
// missing or malformed, 21403 when there is no such operator of the caller.
std::optional<Reply> find_operator(Call& call, Operator*& op) {
  const std::string* name = call.param("operator_name");
  if (name == nullptr || !is_valid_operator_name(*name)) return call.bad_param();
  auto it = call.state.operators.find(*name);
  if (it == call.state.operators.end() || it->second.owner != call.account.name) {
    return Reply::error("21403");
  }
  op = &it->second;
  return std::nullopt;
}

// Reads optional password and realname into `op`; false when malformed.
bool read_operator_fields(const Call& call, Operator& op) {
  if (const std::string* password = call.param("password")) {
    if (!is_valid_password(*password)) return false;
    op.password = *password;
  }
  if (const std::string* realname = call.param("realname")) {
    if (realname->size() > kMaxRealname) return false;
    op.realname = *realname;
  }
  return true;
}

}  // namespace

Reply list_operators(Call& call) {
  JsonOut out;
  out.open_object().key("operators").open_array();
  for (const std::string& name : call.account.operators) {
    const Operator& op = call.state.operators.at(name);
    out.open_object().key("operator_name").str(op.name).key("realname").str(op.realname);
    out.key("enabled").flag(op.enabled);
    out.key("buckets").open_array();
    for (const std::string& bucket : call.account.buckets) {
      if (call.state.buckets.at(bucket).operators.count(name) != 0) out.str(bucket);
    }
    out.close_array().close_object();
  }
  out.close_array().close_object();
  return Reply::ok(out.take());
}

Reply create_operator(Call& call) {
  const std::string* name = call.param("operator_name");
  if (name == nullptr || !is_valid_operator_name(*name)) return call.bad_param();
  Operator op{*name, call.account.name, {}, {}, true};
  if (call.param("password") == nullptr || !read_operator_fields(call, op)) {
    return call.bad_param();
  }
  if (call.state.operators.count(*name) != 0) return Reply::error("21402");
  call.state.operators.emplace(*name, std::move(op));
  call.account.operators.insert(*name);
  return Reply::created();
}

Reply update_operator(Call& call) {
  Operator* op = nullptr;
  if (auto error = find_operator(call, op)) return *error;
  Operator updated = *op;
  if (!read_operator_fields(call, updated)) return call.bad_param();
  *op = std::move(updated);
  return Reply::ok();
}

// POST /operators/enable/ (JSON operator_name) and /operators/disable/
// (?operator_name=): 200 as a 2015 client checked, 21403 for an unknown one.
Reply enable_operator(Call& call) {
  Operator* op = nullptr;
  if (auto error = find_operator(call, op)) return *error;
  op->enabled = true;
  return Reply::ok();
}

Reply disable_operator(Call& call) {
  Operator* op = nullptr;
  if (auto error = find_operator(call, op)) return *error;
  op->enabled = false;
  return Reply::ok();
}

Reply delete_operator(Call& call) {
  Operator* op = nullptr;
  if (auto error = find_operator(call, op)) return *error;
  const std::string name = op->name;
  for (const std::string& bucket : call.account.buckets) {
    call.state.buckets.at(bucket).operators.erase(name);
  }
  call.account.operators.erase(name);
  call.state.operators.erase(name);
  return Reply::ok();
}

// Each grant with the time it was made: a 2015 client read `operators[].bind_at`.
Reply list_bucket_operators(Call& call) {
  Bucket* bucket = nullptr;
  if (auto error = find_bucket(call, bucket)) return *error;
  JsonOut out;
  out.open_object().key("operators").open_array();
  for (const auto& [name, bind_at] : bucket->operators) {
    out.open_object().key("operator_name").str(name).key("bind_at").num(bind_at).close_object();
  }
  out.close_array().close_object();
  return Reply::ok(out.take());
}

Reply grant_operator(Call& call) {
  Bucket* bucket = nullptr;
  if (auto error = find_bucket(call, bucket)) return *error;
  Operator* op = nullptr;
  if (auto error = find_operator(call, op)) return *error;
  bucket->operators.emplace(op->name, call.now);
  return Reply::created();
}

Reply revoke_operator(Call& call) {
  Bucket* bucket = nullptr;
  if (auto error = find_bucket(call, bucket)) return *error;
  Operator* op = nullptr;
  if (auto error = find_operator(call, op)) return *error;
  if (bucket->operators.erase(op->name) == 0) return Reply::error("21403");
  return Reply::ok();
}

}  // namespace errcontract::internal
