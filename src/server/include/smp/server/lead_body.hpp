#pragma once
// The body of POST /api/leads before the lead is validated: application/json (SPEC §7) or
// multipart/form-data with a `lead` part and `photo` parts (SPEC §8). Pure functions of the
// request, so every refusal is a 4xx with a pointer and the fuzzer reaches them all
// (tests/fuzz/fuzz_lead_body.cpp).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "smp/config.hpp"
#include "smp/lead.hpp"
#include "smp/server/lead_handler.hpp"
#include "smp/server/lead_photo.hpp"

namespace smp::server {

/// A `photo` part as received: its view (the file name without .jpg/.jpeg/.png; "" when the
/// name is not of that form) and bytes (a view into the request body).
struct PhotoUpload {
  std::string view;
  std::string_view data;
};

struct LeadBody {
  std::optional<ApiResponse> refusal;  ///< a 4xx (no CORS headers yet) when the body is refused
  nlohmann::json document;             ///< the lead@1 document
  std::vector<PhotoUpload> photos;     ///< in part order: photo i has the pointer /photos/i
};

/// The body's lead document and photo parts, or its refusal: 413 (over 32 KB of JSON, 20 MB of
/// form, 3 MB for one photo), 415 (another media type, or a lead part that is not JSON), 400
/// (malformed form or JSON, a missing or repeated lead part, an unknown part, a photo part that
/// does not say it is image/jpeg or image/png).
LeadBody read_lead_body(const ApiRequest& request);

struct LeadPhotos {
  std::optional<ApiResponse> refusal;  ///< 400 with one error per bad photo, pointers /photos/i
  std::vector<LeadPhoto> photos;       ///< verified and stripped, in part order
};

/// The core's photo rules for this lead (consent, views asked for, count), then each photo
/// decoded and rewritten without metadata (clean_photo).
LeadPhotos check_lead_photo_uploads(const std::vector<PhotoUpload>& uploads, const smp::Lead& lead,
                                    const smp::Config& config, const std::string& locale);

/// `{"errors":[…]}` of diagnostics (an "invalid" error when there are none).
std::string json_errors(const smp::Diagnostics& errors);

}  // namespace smp::server
