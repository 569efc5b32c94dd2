#include "smp/server/photo_email.hpp"

namespace smp::server {
namespace {

std::string_view header_block(std::string_view part) {
  const auto end = part.find("\r\n\r\n");
  return end == std::string_view::npos ? part : part.substr(0, end);
}

bool is_image_part(std::string_view headers) {
  // render_mime writes "Content-Type: " at the start of a line, the type in lower case.
  const std::string_view tag = "Content-Type: image/";
  return headers.substr(0, tag.size()) == tag ||
         headers.find("\r\n" + std::string(tag)) != std::string_view::npos;
}

std::string filename_of(std::string_view headers) {
  const std::string_view tag = "filename=\"";
  const auto start = headers.find(tag);
  if (start == std::string_view::npos) return "photo";
  const auto end = headers.find('"', start + tag.size());
  if (end == std::string_view::npos) return "photo";
  return std::string(headers.substr(start + tag.size(), end - start - tag.size()));
}

}  // namespace

std::size_t photo_part_size(const LeadPhoto& photo) {
  const std::size_t encoded = (photo.bytes.size() + 2) / 3 * 4;
  const std::size_t lines = (encoded + 75) / 76;
  return encoded + 2 * lines + 256;  // the part's boundary line and headers
}

PhotoMailPlan plan_photo_mail(const std::vector<LeadPhoto>& photos, std::size_t limit_bytes) {
  PhotoMailPlan plan;
  std::size_t lead_email = kClinicEmailAllowance;
  std::size_t follow_up = 0;
  bool lead_email_open = true;  // photos stay in order: once one must follow, the rest do too
  for (std::size_t i = 0; i < photos.size(); ++i) {
    const std::size_t size = photo_part_size(photos[i]);
    if (lead_email_open && lead_email + size <= limit_bytes) {
      plan.in_lead_email.push_back(i);
      lead_email += size;
      continue;
    }
    lead_email_open = false;
    if (plan.follow_ups.empty() || follow_up + size > limit_bytes) {
      plan.follow_ups.emplace_back();
      follow_up = kFollowUpAllowance;
    }
    plan.follow_ups.back().push_back(i);
    follow_up += size;
  }
  return plan;
}

std::string remove_photo_parts(std::string_view mime, std::string_view note) {
  const std::string_view tag = "multipart/mixed; boundary=\"";
  const auto head_end = mime.find("\r\n\r\n");
  const auto tagged = mime.find(tag);
  if (head_end == std::string_view::npos || tagged == std::string_view::npos || tagged > head_end) {
    return std::string(mime);
  }
  const auto quote = mime.find('"', tagged + tag.size());
  if (quote == std::string_view::npos) return std::string(mime);
  const std::string dash =
      "--" + std::string(mime.substr(tagged + tag.size(), quote - tagged - tag.size()));
  const std::string delimiter = "\r\n" + dash;
  auto pos = mime.find(delimiter, head_end);
  if (pos == std::string_view::npos) return std::string(mime);
  pos += 2;
  std::string out(mime.substr(0, pos));
  while (true) {
    const std::string_view after = mime.substr(pos + dash.size(), 2);
    const auto next = mime.find(delimiter, pos + dash.size());
    if (after != "\r\n" || next == std::string_view::npos) {
      out.append(mime.substr(pos));  // the close delimiter and epilogue (or a damaged rest)
      break;
    }
    const std::size_t part_start = pos + dash.size() + 2;
    const std::string_view part = mime.substr(part_start, next - part_start);
    const std::string_view headers = header_block(part);
    if (is_image_part(headers)) {
      out += dash +
             "\r\nContent-Type: text/plain; charset=UTF-8\r\n"
             "Content-Transfer-Encoding: 8bit\r\n\r\n" +
             filename_of(headers) + " " + std::string(note);
    } else {
      out.append(mime.substr(pos, next - pos));
    }
    out += "\r\n";
    pos = next + 2;
  }
  return out;
}

}  // namespace smp::server
