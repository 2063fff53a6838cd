// Dynamic acceleration settings (GET and POST /v2/buckets/cdn/dynamic/:
// 21626). No public source names this endpoint; it sits beside
// /v2/buckets/cdn/source/. docs/catalog.md reads "the bucket has no dynamic
// acceleration" as: the bucket is not of type ucdn.
#include "cdn_edge_handlers.h"
#include "json_out.h"
#include "validate.h"

namespace errcontract::internal {
namespace {

std::optional<Reply> dynamic_bucket(Call& call, Bucket*& bucket) {
  if (auto error = find_bucket(call, bucket)) return error;
  if (bucket->type != BucketType::kUcdn) return Reply::error("21626");
  return std::nullopt;
}

}  // namespace

Reply get_cdn_dynamic(Call& call) {
  Bucket* bucket = nullptr;
  if (auto error = dynamic_bucket(call, bucket)) return *error;
  const DynamicAcceleration& d = bucket->edge.dynamic;
  JsonOut out;
  out.open_object().key("smart_route").flag(d.smart_route).key("timeout").num(d.timeout);
  out.close_object();
  return Reply::ok(out.take());
}

// `smart_route` (flag) and `timeout` (1-300 s to wait for the origin); at
// least one of them.
Reply set_cdn_dynamic(Call& call) {
  Bucket* bucket = nullptr;
  if (auto error = dynamic_bucket(call, bucket)) return *error;
  const std::string* smart_route = call.param("smart_route");
  const std::string* timeout = call.param("timeout");
  if (smart_route == nullptr && timeout == nullptr) return call.bad_param();
  DynamicAcceleration next = bucket->edge.dynamic;
  if (smart_route != nullptr) {
    const std::optional<bool> flag = parse_flag(*smart_route);
    if (!flag) return call.bad_param();
    next.smart_route = *flag;
  }
  if (timeout != nullptr) {
    const std::optional<std::int64_t> seconds = parse_count(*timeout, kMaxDynamicTimeout);
    if (!seconds || *seconds == 0) return call.bad_param();
    next.timeout = *seconds;
  }
  bucket->edge.dynamic = next;
  return Reply::ok();
}

}  // namespace errcontract::internal
