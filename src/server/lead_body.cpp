#include "smp/server/lead_body.hpp"

#include "smp/json_text.hpp"
#include "smp/photos.hpp"
#include "smp/server/mime.hpp"
#include "smp/server/multipart.hpp"
#include "smp/server/photo_image.hpp"

namespace smp::server {
namespace {

using nlohmann::json;

std::string lowercase(std::string_view text) {
  std::string out(text);
  for (auto& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// "Multipart/Form-Data; boundary=x" -> "multipart/form-data".
std::string media_type(std::string_view content_type) {
  std::string type = lowercase(content_type.substr(0, content_type.find(';')));
  const auto first = type.find_first_not_of(" \t");
  if (first == std::string::npos) return "";
  const auto last = type.find_last_not_of(" \t");
  return type.substr(first, last - first + 1);
}

ApiResponse error_reply(int status, const std::string& code, const std::string& message,
                        const std::string& pointer = "") {
  return {status, json_error(code, message, pointer), {}};
}

LeadBody refuse(ApiResponse response) {
  LeadBody body;
  body.refusal = std::move(response);
  return body;
}

std::string photo_pointer(size_t index) {
  return "/photos/" + std::to_string(index);
}

// "front.jpg" -> "front"; "" unless the name is a plain view id with an image extension (the
// core then reports it as a view it did not ask for).
std::string view_of(const std::string& filename) {
  const auto dot = filename.rfind('.');
  if (dot == std::string::npos || dot == 0 || dot > 32) return "";
  const std::string extension = lowercase(filename.substr(dot + 1));
  if (extension != "jpg" && extension != "jpeg" && extension != "png") return "";
  const std::string stem = filename.substr(0, dot);
  for (char c : stem) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return "";
  }
  return stem;
}

// The lead document from its JSON text, or the refusal a JSON body has always had.
LeadBody parse_document(std::string_view text, LeadBody body) {
  if (text.size() > kMaxLeadBytes) {
    return refuse(error_reply(413, "payload_too_large", "a lead may be at most 32 KB"));
  }
  // The core's parser: bounded nesting, and a NUL byte is an error rather than the end.
  auto parsed = smp::parse_json_text(text);
  if (!parsed.ok()) return refuse(error_reply(400, "malformed_json", "the body is not valid JSON"));
  if (!parsed.value->is_object()) {
    return refuse(error_reply(400, "wrong_type", "the lead must be a JSON object"));
  }
  body.document = std::move(*parsed.value);
  return body;
}

LeadBody read_form(const ApiRequest& request) {
  if (request.body_too_large || request.body.size() > kMaxPhotoLeadBytes) {
    return refuse(
        error_reply(413, "payload_too_large", "a lead with photos may be at most 20 MB in all"));
  }
  const std::string boundary = multipart_boundary(request.content_type);
  if (boundary.empty()) {
    return refuse(error_reply(400, "bad_boundary",
                              "multipart/form-data needs a boundary parameter of 1 to 70 "
                              "characters (RFC 2046)"));
  }
  const FormParse form = parse_multipart(request.body, boundary);
  if (!form.ok) return refuse(error_reply(400, form.code, form.message));

  LeadBody body;
  const FormPart* lead = nullptr;
  for (const FormPart& part : form.parts) {
    if (part.name == "lead") {
      if (lead) {
        return refuse(error_reply(400, "lead_part_repeated", "the form has two `lead` parts"));
      }
      lead = &part;
    } else if (part.name == "photo") {
      const std::string pointer = photo_pointer(body.photos.size());
      if (part.data.size() > kMaxPhotoBytes) {
        return refuse(error_reply(413, "photo_too_large", "a photo may be at most 3 MB", pointer));
      }
      if (part.content_type != "image/jpeg" && part.content_type != "image/png") {
        return refuse(error_reply(
            400, "photo_not_an_image",
            "a photo part must be image/jpeg or image/png, not " +
                (part.content_type.empty() ? std::string("untyped") : part.content_type),
            pointer));
      }
      body.photos.push_back({view_of(part.filename), part.data});
    } else {
      return refuse(error_reply(400, "unknown_part",
                                "a lead form has only `lead` and `photo` parts, not `" +
                                    header_safe_text(part.name) + "`"));
    }
  }
  if (!lead) {
    return refuse(error_reply(400, "lead_part_missing",
                              "the form has no `lead` part (the lead@1 document as "
                              "application/json)"));
  }
  // A form field appended as a string has no Content-Type of its own (RFC 7578 4.4).
  if (!lead->content_type.empty() && lead->content_type != "application/json") {
    return refuse(
        error_reply(415, "unsupported_media_type", "the `lead` part must be application/json"));
  }
  return parse_document(lead->data, std::move(body));
}

}  // namespace

std::string json_errors(const smp::Diagnostics& errors) {
  json list = json::array();
  for (const auto& d : errors) {
    list.push_back({{"pointer", d.pointer}, {"code", d.code}, {"message", d.message}});
  }
  if (list.empty()) {
    list.push_back({{"pointer", ""}, {"code", "invalid"}, {"message", "invalid lead"}});
  }
  json body = json::object();
  body["errors"] = list;
  return body.dump(-1, ' ', false, json::error_handler_t::replace);
}

LeadBody read_lead_body(const ApiRequest& request) {
  const std::string type = media_type(request.content_type);
  if (type == "multipart/form-data") return read_form(request);
  if (type != "application/json") {
    return refuse(error_reply(415, "unsupported_media_type",
                              "send the lead as application/json, or as multipart/form-data "
                              "with photos"));
  }
  if (request.body_too_large) {
    return refuse(error_reply(413, "payload_too_large", "a lead may be at most 32 KB"));
  }
  return parse_document(request.body, {});
}

LeadPhotos check_lead_photo_uploads(const std::vector<PhotoUpload>& uploads, const smp::Lead& lead,
                                    const smp::Config& config, const std::string& locale) {
  LeadPhotos result;
  if (uploads.empty()) return result;
  std::vector<std::string> views;
  for (const auto& upload : uploads) views.push_back(upload.view);
  smp::Diagnostics errors =
      smp::check_lead_photos(views, lead.consent.photos, lead.parsed_answers, config, locale);
  // Only photos the core accepts are decoded (no work for a lead that is refused anyway).
  if (errors.empty()) {
    for (size_t i = 0; i < uploads.size(); ++i) {
      CleanedPhoto cleaned = clean_photo(uploads[i].data);
      if (!cleaned.ok) {
        errors.push_back({photo_pointer(i), cleaned.code, cleaned.message});
        continue;
      }
      result.photos.push_back(
          {uploads[i].view, "image/jpeg", std::move(cleaned.jpeg), cleaned.width, cleaned.height});
    }
  }
  if (!errors.empty()) {
    result.photos.clear();
    result.refusal = ApiResponse{400, json_errors(errors), {}};
  }
  return result;
}

}  // namespace smp::server
