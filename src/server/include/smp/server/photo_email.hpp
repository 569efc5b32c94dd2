#pragma once
// Photos in the clinic's email (SPEC §8): which photos ride in the lead's own email and which
// follow in further emails (photos.max_email_mb), and the photo parts cut out of a stored,
// delivered message once the photos' retention has passed.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "smp/server/lead_photo.hpp"

namespace smp::server {

/// What the clinic email's text, HTML, plan and headers may take, beyond the photos: the rest
/// of the size limit is for photos.
inline constexpr std::size_t kClinicEmailAllowance = 256 * 1024;
/// The same for a follow-up email (a short text and headers).
inline constexpr std::size_t kFollowUpAllowance = 16 * 1024;

/// The bytes a photo adds to a message: its base64 lines and part headers.
std::size_t photo_part_size(const LeadPhoto& photo);

struct PhotoMailPlan {
  std::vector<std::size_t> in_lead_email;            ///< indexes attached to the clinic's email
  std::vector<std::vector<std::size_t>> follow_ups;  ///< indexes per follow-up email, in order
};

/// Photos in order: as many as fit go with the clinic email, the rest are packed, in order, into
/// follow-ups of at most `limit_bytes` each (a single photo larger than that still goes, alone:
/// photos are never dropped).
PhotoMailPlan plan_photo_mail(const std::vector<LeadPhoto>& photos, std::size_t limit_bytes);

/// `mime` (a message as render_mime builds it) with each image attachment replaced by a short
/// text/plain part "<file name> <note>"; unchanged when it has none.
std::string remove_photo_parts(std::string_view mime, std::string_view note);

}  // namespace smp::server
