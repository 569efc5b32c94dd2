// The body of POST /api/leads as the relay reads it before storing anything: JSON or
// multipart/form-data with photos (lead_body.cpp, multipart.cpp), the core's lead and photo
// checks, the photos decoded and stripped (photo_image.cpp), the clinic emails with their photo
// parts, and those parts cut out again as the retention purge does (photo_email.cpp).
// Input: the Content-Type header, a newline, then the body.
// Properties beyond "no crash":
//   - every refusal is a 4xx whose JSON has errors, each with a pointer ("" or "/…"), a code
//     and a message; a photo's error points at /photos/<i> of a photo that was sent;
//   - every accepted photo is a JPEG that decodes again to the same size, with no metadata
//     segment (only JFIF, ICC and Adobe), and cleaning it again changes nothing;
//   - no email built keeps an image part after remove_photo_parts.
#include <string>

#include "fuzz_relay_support.hpp"
#include "smp/json_text.hpp"
#include "smp/lead.hpp"
#include "smp/server/email_message.hpp"
#include "smp/server/lead_body.hpp"
#include "smp/server/multipart.hpp"
#include "smp/server/photo_email.hpp"
#include "smp/server/photo_image.hpp"

namespace {

const smp::Config& clinic() {
  static const smp::Config config = [] {
    smp::Config c = smp::fuzz::relay_clinic();
    c.photos.max_email_mb = 1;  // small photos already need follow-ups now and then
    return c;
  }();
  return config;
}

void check_refusal(const smp::server::ApiResponse& response, std::size_t photos) {
  smp::fuzz::require(response.status >= 400 && response.status <= 499, "a refusal is a 4xx",
                     std::to_string(response.status));
  const auto body = smp::parse_json_text(response.body);
  smp::fuzz::require(body.ok() && body.value->is_object(), "a refusal is JSON", response.body);
  const auto errors = body.value->find("errors");
  smp::fuzz::require(errors != body.value->end() && errors->is_array() && !errors->empty(),
                     "a refusal lists its errors", response.body);
  for (const auto& error : *errors) {
    const auto pointer = error.find("pointer");
    const auto code = error.find("code");
    const auto message = error.find("message");
    smp::fuzz::require(pointer != error.end() && pointer->is_string() && code != error.end() &&
                           code->is_string() && !code->get<std::string>().empty() &&
                           message != error.end() && message->is_string(),
                       "each error has a pointer, a code and a message", error.dump());
    const std::string text = pointer->get<std::string>();
    smp::fuzz::require(text.empty() || text.front() == '/', "a pointer is a JSON pointer", text);
    if (text.rfind("/photos/", 0) == 0) {
      const std::string index = text.substr(8);
      smp::fuzz::require(!index.empty() && index.size() < 4 &&
                             index.find_first_not_of("0123456789") == std::string::npos &&
                             std::stoul(index) < photos,
                         "a photo error points at a photo that was sent", text);
    }
  }
}

void check_photo(const smp::server::LeadPhoto& photo) {
  const std::string& jpeg = photo.bytes;
  smp::fuzz::require(jpeg.size() > 4 && static_cast<unsigned char>(jpeg[0]) == 0xFF &&
                         static_cast<unsigned char>(jpeg[1]) == 0xD8,
                     "a stored photo is a JPEG");
  // The segments before the first scan: only those the relay means to keep.
  std::size_t at = 2;
  while (at + 4 <= jpeg.size() && static_cast<unsigned char>(jpeg[at]) == 0xFF) {
    const auto marker = static_cast<unsigned char>(jpeg[at + 1]);
    if (marker == 0xDA) break;
    const bool metadata = (marker >= 0xE0 && marker <= 0xEF) || marker == 0xFE;
    const std::string_view payload(jpeg.data() + at + 4,
                                   std::min<std::size_t>(jpeg.size() - at - 4, 12));
    smp::fuzz::require(!metadata || (marker == 0xE0 && payload.rfind("JFIF", 0) == 0) ||
                           (marker == 0xE2 && payload.rfind("ICC_PROFILE", 0) == 0) ||
                           (marker == 0xEE && payload.rfind("Adobe", 0) == 0),
                       "no metadata segment survives", std::to_string(marker));
    at += 2 + (static_cast<unsigned char>(jpeg[at + 2]) << 8 |
               static_cast<unsigned char>(jpeg[at + 3]));
  }
  const smp::server::CleanedPhoto again = smp::server::clean_photo(jpeg);
  smp::fuzz::require(again.ok, "a stored photo decodes again", again.message);
  smp::fuzz::require(again.width == photo.width && again.height == photo.height,
                     "a stored photo keeps its size");
  smp::fuzz::require(again.jpeg == jpeg, "cleaning a clean photo changes nothing");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = smp::fuzz::as_text(data, size);
  const auto newline = text.find('\n');
  if (newline == std::string_view::npos) return 0;
  smp::server::ApiRequest request;
  request.content_type = std::string(text.substr(0, newline));
  request.body = std::string(text.substr(newline + 1));
  const smp::server::LeadBody body = smp::server::read_lead_body(request);
  if (body.refusal) {
    check_refusal(*body.refusal, smp::server::kMaxFormParts);  // a photo part of the form
    return 0;
  }
  const smp::Date today = smp::fuzz::reference_date();
  const auto lead = smp::parse_lead(body.document, clinic(), today, "en");
  if (!lead.ok()) return 0;
  const smp::server::LeadPhotos photos =
      smp::server::check_lead_photo_uploads(body.photos, *lead.value, clinic(), "en");
  if (photos.refusal) {
    check_refusal(*photos.refusal, body.photos.size());
    return 0;
  }
  smp::fuzz::require(photos.photos.size() == body.photos.size(), "every photo is kept");
  for (const auto& photo : photos.photos) check_photo(photo);
  if (photos.photos.empty()) return 0;

  const smp::Consultation consultation = smp::evaluate(lead.value->parsed_answers, clinic(), today);
  auto input = smp::fuzz::email_input(*lead.value, consultation, clinic());
  input.photos = &photos.photos;
  std::vector<smp::server::OutgoingMessage> messages =
      smp::server::build_clinic_photo_emails(input);
  if (auto message = smp::server::build_clinic_email(input)) messages.push_back(*message);
  for (const auto& message : messages) {
    const std::string purged = smp::server::remove_photo_parts(message.mime, "deleted");
    smp::fuzz::require(purged.find("Content-Type: image/") == std::string::npos,
                       "no photo part is left after the purge", message.kind);
  }
  return 0;
}
