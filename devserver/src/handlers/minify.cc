// css/js/html minify switches of a bucket (GET and POST /buckets/minify/:
// 21801, 21802). No public source names the endpoint; api-surface.md gives
// this path as its example. Any bucket type may minify what it serves.
#include "handlers/handlers.h"

#include "server/json_out.h"
#include "server/validate.h"

namespace errcontract::internal {

Reply get_minify(Call& call) {
  Bucket* bucket = nullptr;
  if (auto error = find_bucket(call, bucket)) return *error;
  const Minify& m = bucket->edge.minify;
  JsonOut out;
  out.open_object().key("css").flag(m.css).key("js").flag(m.js).key("html").flag(m.html);
  out.close_object();
  return Reply::ok(out.take());
}

// Each of css, js and html is a flag; the ones left out keep their setting.
// None of them: 21802; one that is not a flag: 21801.
Reply set_minify(Call& call) {
  Bucket* bucket = nullptr;
  if (auto error = find_bucket(call, bucket)) return *error;
  Minify next = bucket->edge.minify;
  bool any = false;
  for (auto [name, field] : {std::pair{"css", &Minify::css}, std::pair{"js", &Minify::js},
                             std::pair{"html", &Minify::html}}) {
    const std::string* text = call.param(name);
    if (text == nullptr) continue;
    any = true;
    const std::optional<bool> flag = parse_flag(*text);
    if (!flag) return Reply::error("21801");
    next.*field = *flag;
  }
  if (!any) return Reply::error("21802");
  bucket->edge.minify = next;
  return Reply::ok();
}

}  // namespace errcontract::internal
