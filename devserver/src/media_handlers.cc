// Image processing settings of storage buckets (21209 for CDN buckets):
// thumbnail versions (21217, 21218, 21219) and the watermark, uploaded as
// multipart/form-data (21215, 21216, 21224, 21234).
#include <algorithm>
#include <array>

#include "handlers.h"
#include "json_out.h"
#include "validate.h"

namespace errcontract::internal {
namespace {

constexpr std::int64_t kMaxSide = 10000;
constexpr std::array<std::string_view, 9> kPositions = {
    "northwest", "north", "northeast", "west", "center", "east", "southwest", "south", "southeast"};

std::optional<Reply> storage_bucket(Call& call, Bucket*& bucket) {
  if (auto error = find_bucket(call, bucket)) return error;
  if (is_cdn(bucket->type)) return Reply::error("21209");
  return std::nullopt;
}

// Reads width/height/quality into `thumb`; false when one is malformed.
bool read_thumb_settings(const Call& call, Thumbnail& thumb) {
  struct Field {
    const char* name;
    std::int64_t* target;
    std::int64_t min;
    std::int64_t max;
  };
  for (const Field& f :
       {Field{"width", &thumb.width, 0, kMaxSide}, Field{"height", &thumb.height, 0, kMaxSide},
        Field{"quality", &thumb.quality, 1, 100}}) {
    const std::string* text = call.param(f.name);
    if (text == nullptr) continue;
    std::optional<std::int64_t> value = parse_count(*text, f.max);
    if (!value || *value < f.min) return false;
    *f.target = *value;
  }
  return true;
}

const std::string* thumb_name(const Call& call) {
  const std::string* name = call.param("thumb_name");
  return name != nullptr && is_valid_thumb_name(*name) ? name : nullptr;
}

}  // namespace

Reply list_thumbnails(Call& call) {
  Bucket* bucket = nullptr;
  if (auto error = storage_bucket(call, bucket)) return *error;
  JsonOut out;
  out.open_object().key("thumbnails").open_array();
  for (const auto& [name, t] : bucket->thumbnails) {
    out.open_object().key("thumb_name").str(name).key("width").num(t.width);
    out.key("height").num(t.height).key("quality").num(t.quality).close_object();
  }
  out.close_array().close_object();
  return Reply::ok(out.take());
}

Reply create_thumbnail(Call& call) {
  Bucket* bucket = nullptr;
  if (auto error = storage_bucket(call, bucket)) return *error;
  const std::string* name = thumb_name(call);
  Thumbnail thumb;
  if (name == nullptr || !read_thumb_settings(call, thumb)) return call.bad_param();
  if (bucket->thumbnails.count(*name) != 0) return Reply::error("21218");
  if (bucket->thumbnails.size() >= kMaxThumbnails) return Reply::error("21217");
  bucket->thumbnails.emplace(*name, thumb);
  return Reply::created();
}

Reply update_thumbnail(Call& call) {
  Bucket* bucket = nullptr;
  if (auto error = storage_bucket(call, bucket)) return *error;
  const std::string* name = thumb_name(call);
  if (name == nullptr) return call.bad_param();
  auto it = bucket->thumbnails.find(*name);
  if (it == bucket->thumbnails.end()) return Reply::error("21219");
  Thumbnail updated = it->second;
  if (!read_thumb_settings(call, updated)) return call.bad_param();
  it->second = updated;
  return Reply::ok();
}

Reply delete_thumbnail(Call& call) {
  Bucket* bucket = nullptr;
  if (auto error = storage_bucket(call, bucket)) return *error;
  const std::string* name = thumb_name(call);
  if (name == nullptr) return call.bad_param();
  if (bucket->thumbnails.erase(*name) == 0) return Reply::error("21219");
  return Reply::ok();
}

Reply get_watermark(Call& call) {
  Bucket* bucket = nullptr;
  if (auto error = storage_bucket(call, bucket)) return *error;
  const Watermark& w = bucket->watermark;
  JsonOut out;
  out.open_object();
  out.key("watermark_enable").flag(w.enabled);
  out.key("file_name").str(w.file_name);
  out.key("file_size").num(static_cast<std::int64_t>(w.file_size));
  out.key("position").str(w.position);
  out.key("opacity").num(w.opacity);
  out.close_object();
  return Reply::ok(out.take());
}

Reply set_watermark(Call& call) {
  Bucket* bucket = nullptr;
  if (auto error = storage_bucket(call, bucket)) return *error;
  Watermark next = bucket->watermark;
  if (const std::string* text = call.param("watermark_enable")) {
    std::optional<bool> enable = parse_flag(*text);
    if (!enable) return call.bad_param();
    next.enabled = *enable;
  }
  if (const std::string* position = call.param("position")) {
    if (std::find(kPositions.begin(), kPositions.end(), *position) == kPositions.end()) {
      return call.bad_param();
    }
    next.position = *position;
  }
  if (const std::string* text = call.param("opacity")) {
    std::optional<std::int64_t> opacity = parse_count(*text, 100);
    if (!opacity) return call.bad_param();
    next.opacity = *opacity;
  }
  const std::vector<UploadedFile>& files = call.request.files;
  if (files.size() > 1) return Reply::error("21215");
  if (files.size() == 1) {
    const UploadedFile& file = files.front();
    if (file.data.size() > kMaxWatermarkBytes) return Reply::error("21216");
    if (!looks_like_image(file.data)) return Reply::error("21234");
    next.has_file = true;
    next.file_name = file.filename;
    next.file_size = file.data.size();
  }
  if (next.enabled && !next.has_file) return Reply::error("21224");
  bucket->watermark = std::move(next);
  return Reply::ok();
}

}  // namespace errcontract::internal
