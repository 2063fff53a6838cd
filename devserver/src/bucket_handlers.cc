// Accounts and buckets: the profile, listing, creating and deleting buckets
// (21201, 21202, 21203, 21204, 21205, 21206, 21230) and the per-bucket
// switches (quota, visibility, FORM API: 21209). Quotas also answer to the
// storage limits of module 213 (21302, 21307: agent_handlers.h).
#include "agent_handlers.h"
#include "handlers.h"
#include "json_out.h"
#include "thirdparty_handlers.h"
#include "validate.h"

namespace errcontract::internal {
namespace {

constexpr std::int64_t kMaxQuotaGb = std::int64_t{1} << 30;
constexpr std::int64_t kMaxListLimit = 1000;

}  // namespace

std::optional<Reply> find_bucket(Call& call, Bucket*& bucket) {
  const std::string* name = call.param("bucket_name");
  if (name == nullptr || name->empty()) return call.bad_param();
  bucket = call.state.owned_bucket(call.account.name, *name);
  if (bucket == nullptr) return Reply::error("21203");
  return std::nullopt;
}

Reply get_profile(Call& call) {
  const Account& a = call.account;
  JsonOut out;
  out.open_object();
  out.key("username").str(a.name);
  out.key("buckets").num(static_cast<std::int64_t>(a.buckets.size()));
  out.key("operators").num(static_cast<std::int64_t>(a.operators.size()));
  out.key("https_quota").num(a.https_quota);
  out.key("created_at").num(a.created_at);
  out.close_object();
  return Reply::ok(out.take());
}

Reply list_buckets(Call& call) {
  std::int64_t limit = 100;
  if (const std::string* text = call.param("limit")) {
    std::optional<std::int64_t> value = parse_count(*text, kMaxListLimit);
    if (!value || *value == 0) return call.bad_param();
    limit = *value;
  }
  JsonOut out;
  out.open_object().key("buckets").open_array();
  std::int64_t listed = 0;
  for (const std::string& name : call.account.buckets) {
    if (listed++ == limit) break;
    const Bucket& b = call.state.buckets.at(name);
    out.open_object();
    out.key("bucket_name").str(b.name);
    out.key("type").str(to_string(b.type));
    out.key("visible").flag(b.visible);
    out.key("created_at").num(b.created_at);
    out.close_object();
  }
  out.close_array();
  out.key("pager").open_object();
  out.key("limit").num(limit);
  out.key("total").num(static_cast<std::int64_t>(call.account.buckets.size()));
  out.close_object().close_object();
  return Reply::ok(out.take());
}

Reply create_bucket(Call& call) {
  if (auto error = require_verified(call)) return *error;  // 22005
  const std::string* name = call.param("bucket_name");
  if (name == nullptr || !is_valid_bucket_name(*name)) return call.bad_param();
  BucketType type = BucketType::kFile;
  if (const std::string* text = call.param("type")) {
    if (!parse_bucket_type(*text, type)) return call.bad_param();
  }
  std::int64_t quota = 0;
  if (const std::string* text = call.param("quota")) {
    std::optional<std::int64_t> value = parse_count(*text, kMaxQuotaGb);
    if (!value) return call.bad_param();
    quota = *value;
  }
  if (call.account.buckets.size() >= kMaxBucketsPerAccount) return Reply::error("21206");
  if (call.state.buckets.count(*name) != 0) return Reply::error("21202");
  if (auto error = check_storage_quota(call.state, call.account, {}, quota)) return *error;
  call.state.create_bucket(call.account.name, *name, type, quota, call.now);
  return Reply::created();
}

Reply delete_bucket(Call& call) {
  Bucket* bucket = nullptr;
  if (auto error = find_bucket(call, bucket)) return *error;
  const std::string* password = call.param("password");
  if (password == nullptr || password->empty()) return call.bad_param();
  if (*password != call.account.password) return Reply::error("21230");
  if (!bucket->custom_domains.empty()) return Reply::error("21204");
  if (bucket->files > 0) return Reply::error("21205");
  call.state.delete_bucket(bucket->name);
  return Reply::ok();
}

Reply bucket_info(Call& call) {
  Bucket* bucket = nullptr;
  if (auto error = find_bucket(call, bucket)) return *error;
  const Bucket& b = *bucket;
  JsonOut out;
  out.open_object();
  out.key("bucket_name").str(b.name);
  out.key("type").str(to_string(b.type));
  out.key("status").str("normal");
  out.key("visible").flag(b.visible);
  out.key("quota").num(b.quota);
  out.key("files").num(b.files);
  out.key("created_at").num(b.created_at);
  out.key("default_domain").str(b.default_domain);
  out.key("approval_domains").strings(b.custom_domains);
  out.key("operators").strings(b.operators);
  out.key("thumbnails").num(static_cast<std::int64_t>(b.thumbnails.size()));
  out.key("formapi").flag(b.formapi_enabled);
  out.key("form_api_secret").str(b.formapi_enabled ? b.formapi_secret : std::string());
  out.key("cdn_configured").flag(b.origin.configured);
  out.close_object();
  return Reply::ok(out.take());
}

Reply set_quota(Call& call) {
  Bucket* bucket = nullptr;
  if (auto error = find_bucket(call, bucket)) return *error;
  const std::string* text = call.param("quota");
  std::optional<std::int64_t> quota = text ? parse_count(*text, kMaxQuotaGb) : std::nullopt;
  if (!quota) return call.bad_param();
  if (auto error = check_storage_quota(call.state, call.account, bucket->name, *quota)) {
    return *error;
  }
  bucket->quota = *quota;
  return Reply::ok();
}

Reply set_visible(Call& call) {
  Bucket* bucket = nullptr;
  if (auto error = find_bucket(call, bucket)) return *error;
  const std::string* text = call.param("visible");
  std::optional<bool> visible = text ? parse_flag(*text) : std::nullopt;
  if (!visible) return call.bad_param();
  bucket->visible = *visible;
  return Reply::ok();
}

Reply set_formapi(Call& call) {
  Bucket* bucket = nullptr;
  if (auto error = find_bucket(call, bucket)) return *error;
  const std::string* status = call.param("status");
  std::optional<bool> enable = status ? parse_flag(*status) : std::nullopt;
  if (!enable) return call.bad_param();
  bool update_key = false;
  if (const std::string* text = call.param("update_key")) {
    std::optional<bool> value = parse_flag(*text);
    if (!value) return call.bad_param();
    update_key = *value;
  }
  // FORM API uploads go to storage; CDN buckets have none (21209).
  if (is_cdn(bucket->type)) return Reply::error("21209");
  bucket->formapi_enabled = *enable;
  if (*enable && (update_key || bucket->formapi_secret.empty())) {
    bucket->formapi_secret = call.state.random_hex(32);
  }
  return Reply::ok();
}

}  // namespace errcontract::internal
