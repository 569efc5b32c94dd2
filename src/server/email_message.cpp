#include "smp/server/email_message.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "smp/ics.hpp"
#include "smp/markup_text.hpp"
#include "smp/messages.hpp"
#include "smp/server/email_format.hpp"
#include "smp/server/mime.hpp"
#include "smp/server/photo_email.hpp"
#include "smp/server/timestamps.hpp"

namespace smp::server {
namespace {

using nlohmann::json;

// One line of an email section: a label and its value, or a paragraph when label is empty.
struct Line {
  Line(std::string label_text, std::string value_text, bool is_bullet = false,
       std::string link = "")
      : label(std::move(label_text)),
        value(std::move(value_text)),
        bullet(is_bullet),
        href(std::move(link)) {}
  std::string label;
  std::string value;
  bool bullet = false;
  std::string href;  ///< HTML only: the value as a link (mailto:, tel:, https:)
};
struct Section {
  std::string title;
  std::vector<Line> lines;
  bool highlight = false;  ///< shown as a callout in HTML (trust notes)

  void add(std::string label, std::string value) {
    lines.push_back({std::move(label), std::move(value), false});
  }
  void paragraph(std::string text) { lines.push_back({"", std::move(text), false}); }
  void bullet(std::string text) { lines.push_back({"", std::move(text), true}); }
};
struct Body {
  std::vector<std::string> intro;
  std::vector<Section> sections;
  std::vector<std::string> footer;
};

std::string str(const json& object, const char* key) {
  if (!object.is_object()) return "";
  const auto it = object.find(key);
  if (it == object.end()) return "";
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number_integer()) return std::to_string(it->get<long long>());
  if (it->is_number_float()) {
    std::ostringstream out;
    out << it->get<double>();
    return out.str();
  }
  if (it->is_boolean()) return it->get<bool>() ? "true" : "false";
  return "";
}

std::optional<long long> integer(const json& object, const char* key) {
  if (!object.is_object()) return std::nullopt;
  const auto it = object.find(key);
  if (it == object.end() || !it->is_number()) return std::nullopt;
  if (it->is_number_float()) return std::llround(it->get<double>());
  return it->get<long long>();
}

const json& member(const json& object, const char* key) {
  static const json kNull;
  if (!object.is_object()) return kNull;
  const auto it = object.find(key);
  return it == object.end() ? kNull : *it;
}

std::string dump(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

// A label from the catalogue, or the raw code when the catalogue has none.
std::string label(const smp::Messages& messages, const std::string& key,
                  const std::string& fallback) {
  return messages.has(key) ? messages.text(key) : fallback;
}

std::string verdict_label(const smp::Messages& messages, const std::string& verdict) {
  return label(messages, "verdict." + verdict, verdict);
}

std::string package_label(const smp::Messages& messages, const std::string& id) {
  return label(messages, "package." + id, id);
}

std::string hours_text(const json& hours) {
  const std::string min = str(hours, "min");
  const std::string max = str(hours, "max");
  if (min.empty()) return max;
  if (max.empty() || max == min) return min;
  return min + "–" + max;
}

std::string primary_package(const json& result) {
  const json& packages = member(result, "packages");
  if (!packages.is_array()) return "";
  for (const auto& p : packages) {
    if (str(p, "role") == "primary") return str(p, "id");
  }
  return packages.empty() ? "" : str(packages.front(), "id");
}

std::string answer_value(const json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number() || value.is_boolean()) return dump(value);
  if (value.is_object() && value.contains("scale")) {
    std::string text = str(value, "scale");
    if (!str(value, "stage").empty()) text += " " + str(value, "stage");
    if (!str(value, "extent").empty()) text += " (" + str(value, "extent") + ")";
    return text;
  }
  if (value.is_array()) {
    std::string text;
    for (const auto& item : value) {
      if (!text.empty()) text += "; ";
      if (item.is_object() && item.contains("type")) {
        text += str(item, "type");
        if (!str(item, "healed_since").empty()) text += " (" + str(item, "healed_since") + ")";
        if (str(item, "raised_or_red") == "true") text += " raised/red";
      } else {
        text += dump(item);
      }
    }
    return text;
  }
  return dump(value);
}

// A tel: link keeps only what a dialler uses (RFC 3966 global numbers: + and digits).
std::string tel_href(const std::string& phone) {
  std::string digits;
  for (char c : phone) {
    if ((c >= '0' && c <= '9') || (c == '+' && digits.empty())) digits.push_back(c);
  }
  return digits.size() >= 3 ? "tel:" + digits : "";
}

// --- the sections shared by both emails ------------------------------------------------------

void add_result_sections(Body& body, const json& result, const smp::Config& /*config*/,
                         const smp::Messages& m) {
  Section verdict{m.text("email.section.verdict"), {}};
  verdict.paragraph(verdict_label(m, str(result, "verdict")));
  const json& reasons = member(result, "reasons");
  if (reasons.is_array()) {
    for (const auto& reason : reasons) {
      std::string text = str(reason, "message");
      if (text.empty()) text = str(reason, "code");
      if (!str(reason, "eligible_on").empty()) {
        text += " (" +
                m.text("email.eligible_on", {{"date", email_date(str(reason, "eligible_on"), m)}}) +
                ")";
      }
      verdict.bullet(text);
    }
  }
  const json& advisories = member(result, "advisories");
  if (advisories.is_array()) {
    for (const auto& advisory : advisories) {
      std::string text = str(advisory, "message");
      verdict.bullet(text.empty() ? str(advisory, "code") : text);
    }
  }
  body.sections.push_back(std::move(verdict));

  const json& estimate = member(result, "estimate");
  Section money{m.text("email.section.estimate"), {}};
  if (!estimate.is_object()) {
    money.paragraph(m.text("email.estimate.none"));
  } else {
    // The core's display figures (SPEC §8): the same text the visitor saw in the widget.
    const json& shown = member(estimate, "display");
    auto text_of = [&](const json& object) {
      const std::string text = str(object, "text");
      return text.empty() ? std::string("-") : text;
    };
    money.lines.push_back({m.text("email.estimate.total"), text_of(shown)});
    if (str(estimate, "provisional") == "true") {
      money.paragraph(m.text("email.estimate.provisional"));
    }
    const json& lines = member(shown, "lines");
    if (lines.is_array()) {
      for (const auto& line : lines) {
        money.bullet(package_label(m, str(line, "package")) + ": " + text_of(line));
      }
    }
    const json& sessions = member(estimate, "sessions");
    if (sessions.is_object()) {
      money.lines.push_back(
          {m.text("email.estimate.sessions"),
           m.text("email.estimate.sessions_value", {{"min", str(sessions, "min")},
                                                    {"max", str(sessions, "max")},
                                                    {"planned", str(sessions, "planned")}})});
    }
    const json& hours = member(estimate, "hours_per_session");
    if (hours.is_object()) {
      money.lines.push_back({m.text("email.estimate.hours"), hours_text(hours) + " h"});
    }
    const json& touch_up = member(shown, "touch_up");
    if (touch_up.is_object()) {
      money.lines.push_back({m.text("email.estimate.touch_up"), text_of(touch_up)});
    }
    if (member(shown, "consultation_fee").is_object()) {
      money.lines.push_back(
          {m.text("email.estimate.consultation_fee"), text_of(member(shown, "consultation_fee"))});
    }
    if (member(shown, "deposit").is_object()) {
      money.lines.push_back({m.text("email.estimate.deposit"), text_of(member(shown, "deposit"))});
    }
  }
  body.sections.push_back(std::move(money));

  const json& plan = member(result, "plan");
  Section schedule{m.text("email.section.plan"), {}};
  if (!plan.is_object()) {
    schedule.paragraph(m.text("email.plan.none"));
  } else {
    if (str(plan, "status") == "pending_clearance") {
      schedule.paragraph(m.text("email.plan.pending_clearance"));
    }
    if (!str(plan, "patch_test_by").empty()) {
      schedule.lines.push_back(
          {m.text("email.plan.patch_test_by"), email_date(str(plan, "patch_test_by"), m)});
    }
    const json& sessions = member(plan, "sessions");
    if (sessions.is_array()) {
      for (const auto& session : sessions) {
        std::string date = email_date(str(session, "date"), m);
        if (date.empty()) date = m.text("email.plan.date_to_agree");
        std::string text =
            m.text("email.plan.session", {{"number", str(session, "number")},
                                          {"date", date},
                                          {"hours", hours_text(member(session, "hours"))}});
        if (str(session, "if_needed") == "true")
          text += " (" + m.text("email.plan.if_needed") + ")";
        schedule.bullet(text);
      }
    }
    if (!str(plan, "unrestricted_from").empty()) {
      schedule.lines.push_back(
          {m.text("email.plan.unrestricted_from"), email_date(str(plan, "unrestricted_from"), m)});
    }
    if (!str(plan, "unrestricted_from_if_needed").empty()) {
      schedule.lines.push_back({m.text("email.plan.unrestricted_from_if_needed"),
                                email_date(str(plan, "unrestricted_from_if_needed"), m)});
    }
    if (!str(plan, "touch_up_reminder").empty()) {
      schedule.lines.push_back(
          {m.text("email.plan.touch_up_reminder"), email_date(str(plan, "touch_up_reminder"), m)});
    }
  }
  body.sections.push_back(std::move(schedule));

  if (plan.is_object()) {
    Section precare{m.text("email.section.precare"), {}};
    const json& items = member(plan, "precare");
    if (items.is_array()) {
      // Each step once, with the dates it falls on for every session (the same advice repeats
      // before each session).
      std::vector<std::pair<std::string, std::vector<std::string>>> steps;
      for (const auto& item : items) {
        std::string text = str(item, "message");
        if (text.empty()) text = str(item, "code");
        auto it = std::find_if(steps.begin(), steps.end(),
                               [&](const auto& step) { return step.first == text; });
        if (it == steps.end()) it = steps.insert(steps.end(), {text, {}});
        if (!str(item, "date").empty()) it->second.push_back(email_date(str(item, "date"), m));
      }
      for (const auto& [text, dates] : steps) {
        std::string joined;
        for (const auto& date : dates) joined += (joined.empty() ? "" : ", ") + date;
        precare.bullet(joined.empty() ? text : text + " (" + joined + ")");
      }
    }
    if (!precare.lines.empty()) body.sections.push_back(std::move(precare));
    Section aftercare{m.text("email.section.aftercare"), {}};
    const json& after = member(plan, "aftercare");
    if (after.is_array()) {
      std::string session;  // the milestones come per session, in session order
      for (const auto& item : after) {
        if (str(item, "after_session") != session) {
          session = str(item, "after_session");
          aftercare.paragraph(m.text("email.aftercare.after_session", {{"number", session}}));
        }
        std::string text = str(item, "message");
        if (text.empty()) text = str(item, "code");
        if (!str(item, "restarted_by_session").empty()) {
          text += " (" +
                  m.text("email.aftercare.restarted_by",
                         {{"number", str(item, "restarted_by_session")}}) +
                  ")";
        } else if (!str(item, "resume_on").empty()) {
          text += " (" +
                  m.text("email.aftercare.resume_on",
                         {{"date", email_date(str(item, "resume_on"), m)}}) +
                  ")";
        }
        aftercare.bullet(text);
      }
    }
    if (!aftercare.lines.empty()) body.sections.push_back(std::move(aftercare));
  }
}

// --- rendering -------------------------------------------------------------------------------

std::string render_text(const Body& body) {
  std::string out;
  for (const auto& p : body.intro) out += p + "\n\n";
  for (const auto& section : body.sections) {
    out += section.title + "\n";
    out += std::string(std::min<size_t>(section.title.size(), 60), '-') + "\n";
    for (const auto& line : section.lines) {
      if (line.bullet)
        out += "  * " + line.value + "\n";
      else if (line.label.empty())
        out += line.value + "\n";
      else
        out += line.label + ": " + line.value + "\n";
    }
    out += "\n";
  }
  for (const auto& p : body.footer) out += p + "\n";
  return out;
}

std::string render_html(const Body& body, const std::string& title) {
  std::string out =
      "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + markup_escaped(title) +
      "</title></head>\n<body style=\"font-family:Arial,Helvetica,sans-serif;color:#222;"
      "max-width:640px\">\n";
  for (const auto& p : body.intro) out += "<p>" + markup_escaped(p) + "</p>\n";
  for (const auto& section : body.sections) {
    out += "<h2 style=\"font-size:16px;border-bottom:1px solid #ddd\">" +
           markup_escaped(section.title) + "</h2>\n";
    if (section.highlight) {
      out += "<div style=\"background:#fff4d6;border-left:4px solid #e0a800;padding:4px 12px\">\n";
    }
    enum class Block { kNone, kTable, kList } block = Block::kNone;
    auto open = [&](Block wanted) {
      if (block == wanted) return;
      if (block == Block::kTable) out += "</table>\n";
      if (block == Block::kList) out += "</ul>\n";
      if (wanted == Block::kTable) out += "<table cellpadding=\"3\">\n";
      if (wanted == Block::kList) out += "<ul>\n";
      block = wanted;
    };
    for (const auto& line : section.lines) {
      if (line.bullet) {
        open(Block::kList);
        out += "<li>" + markup_escaped(line.value) + "</li>\n";
      } else if (line.label.empty()) {
        open(Block::kNone);
        out += "<p>" + markup_escaped(line.value) + "</p>\n";
      } else {
        open(Block::kTable);
        const std::string value = line.href.empty()
                                      ? markup_escaped(line.value)
                                      : "<a href=\"" + markup_escaped(line.href) + "\">" +
                                            markup_escaped(line.value) + "</a>";
        out += "<tr><th align=\"left\" valign=\"top\">" + markup_escaped(line.label) + "</th><td>" +
               value + "</td></tr>\n";
      }
    }
    open(Block::kNone);
    if (section.highlight) out += "</div>\n";
  }
  for (const auto& p : body.footer) {
    out += "<p style=\"color:#666;font-size:12px\">" + markup_escaped(p) + "</p>\n";
  }
  out += "</body></html>\n";
  return out;
}

json result_json(const LeadEmailInput& input, const smp::Messages& messages) {
  return smp::to_json(*input.consultation, *input.config, messages);
}

std::string medical_value(const json& value, const smp::Messages& m) {
  if (value.is_boolean()) return m.text(value.get<bool>() ? "email.yes" : "email.no");
  return answer_value(value);
}

// The plan's calendar stamp: created when the lead was received, its UIDs the lead's own.
smp::IcsStamp plan_stamp(const LeadEmailInput& input) {
  return {input.received_ms / 1000, input.lead_id};
}

// The envelope-level headers that differ between the clinic's email and the visitor's.
struct Addressing {
  std::string from;
  std::string to;
  std::optional<std::string> reply_to;
  std::string subject;
  const char* auto_submitted;
};

// Headers, text + HTML parts and the plan attachment, the same for both emails; `photos` are
// attached after the plan.
std::string assemble_mime(const Addressing& addressing, const Body& body, const std::string& ics,
                          const LeadEmailInput& input, const std::string& message_id,
                          const std::vector<MimeAttachment>& photos = {},
                          const std::string& in_reply_to = "") {
  MimeMessage mime;
  mime.headers.emplace_back("From", addressing.from);
  mime.headers.emplace_back("To", addressing.to);
  if (addressing.reply_to) mime.headers.emplace_back("Reply-To", *addressing.reply_to);
  mime.headers.emplace_back("Subject", encode_unstructured(addressing.subject));
  mime.headers.emplace_back("Date", rfc5322_date(input.received_ms / 1000));
  mime.headers.emplace_back("Message-ID", "<" + message_id + ">");
  if (!in_reply_to.empty()) {
    mime.headers.emplace_back("In-Reply-To", "<" + in_reply_to + ">");
    mime.headers.emplace_back("References", "<" + in_reply_to + ">");
  }
  mime.headers.emplace_back("X-SMP-Lead-ID", input.lead_id);
  mime.headers.emplace_back("Auto-Submitted", addressing.auto_submitted);
  mime.text = render_text(body);
  mime.html = render_html(body, addressing.subject);
  if (!ics.empty()) {
    mime.attachments.push_back({"plan.ics", "text/calendar; charset=UTF-8; method=PUBLISH", ics});
  }
  mime.attachments.insert(mime.attachments.end(), photos.begin(), photos.end());
  return render_mime(mime, message_id);
}

// --- photos (SPEC §8) --------------------------------------------------------------------------

const std::vector<LeadPhoto>& photos_of(const LeadEmailInput& input) {
  static const std::vector<LeadPhoto> kNone;
  return input.photos ? *input.photos : kNone;
}

PhotoMailPlan photo_plan(const LeadEmailInput& input) {
  const auto limit = static_cast<std::size_t>(input.config->photos.max_email_mb) * 1024 * 1024;
  return plan_photo_mail(photos_of(input), limit);
}

// The view's title from the core catalogue: "Front and hairline", "Scar 2".
std::string view_title(const smp::Messages& m, const std::string& view) {
  if (view.rfind("scar_", 0) == 0) return m.text("photos.view.scar", {{"n", view.substr(5)}});
  return label(m, "photos.view." + view, view);
}

MimeAttachment photo_attachment(const LeadPhoto& photo) {
  return {photo.filename(), photo.content_type, photo.bytes};
}

std::string follow_up_id(const LeadEmailInput& input, std::size_t part) {
  return input.lead_id + ".clinic-photos-" + std::to_string(part) + "@" +
         address_domain(input.sender);
}

// Every photo by view, with where the clinic finds it.
Section photo_section(const LeadEmailInput& input, const PhotoMailPlan& plan,
                      const smp::Messages& m) {
  const auto& photos = photos_of(input);
  Section section{m.text("email.section.photos"), {}};
  const std::string parts = std::to_string(plan.follow_ups.size());
  auto describe = [&](std::size_t index, std::size_t part) {
    const LeadPhoto& photo = photos[index];
    const smp::MessageParams params{{"file", photo.filename()},
                                    {"width", std::to_string(photo.width)},
                                    {"height", std::to_string(photo.height)},
                                    {"part", std::to_string(part)},
                                    {"parts", parts}};
    section.add(view_title(m, photo.view),
                m.text(part == 0 ? "email.photos.attached" : "email.photos.follows", params));
  };
  for (std::size_t index : plan.in_lead_email) describe(index, 0);
  for (std::size_t p = 0; p < plan.follow_ups.size(); ++p) {
    for (std::size_t index : plan.follow_ups[p]) describe(index, p + 1);
  }
  if (!plan.follow_ups.empty()) {
    section.paragraph(
        m.text("email.photos.follow_ups", {{"parts", parts}, {"lead_id", input.lead_id}}));
  }
  section.paragraph(m.text("email.photos.retention",
                           {{"days", std::to_string(input.config->photos.retention_days)}}));
  return section;
}

}  // namespace

std::string address_domain(const std::string& address) {
  const auto at = address.rfind('@');
  if (at == std::string::npos || at + 1 >= address.size()) return "localhost";
  return address.substr(at + 1);
}

std::string summary_mismatch(const smp::Lead& lead, const json& result) {
  if (!lead.summary) return "";
  const auto& summary = *lead.summary;
  const json& estimate = member(result, "estimate");
  std::vector<std::string> differences;
  // Without health answers the server cannot check the visitor's verdict; the email shows it
  // as unverified instead of as a difference.
  if (lead.consent.health_data && !summary.verdict.empty() &&
      summary.verdict != str(result, "verdict")) {
    differences.push_back("verdict " + summary.verdict);
  }
  const auto low = integer(estimate, "low");
  const auto high = integer(estimate, "high");
  const bool figures_differ = (summary.low && summary.low != low) ||
                              (summary.high && summary.high != high) ||
                              (!summary.currency.empty() && estimate.is_object() &&
                               summary.currency != str(estimate, "currency"));
  if (figures_differ) {
    differences.push_back((summary.low ? std::to_string(*summary.low) : std::string("?")) + "–" +
                          (summary.high ? std::to_string(*summary.high) : std::string("?")) +
                          (summary.currency.empty() ? "" : " " + summary.currency));
  }
  std::string out;
  for (const auto& d : differences) out += (out.empty() ? "" : ", ") + d;
  return out;
}

std::optional<OutgoingMessage> build_clinic_email(const LeadEmailInput& input) {
  const smp::Lead& lead = *input.lead;
  const smp::Config& config = *input.config;
  const smp::Messages m(config, smp::resolve_locale(config, config.default_locale));
  const json result = result_json(input, m);
  const auto to = format_mailbox(config.clinic.name, input.clinic_to, true);
  const auto from = format_mailbox("smp-consult", input.sender, true);
  if (!to || !from) return std::nullopt;

  const std::string verdict = str(result, "verdict");
  const std::string package = primary_package(result);
  const std::string name = header_safe_text(lead.contact.name);
  // The subject must not overstate: without health answers the verdict is only partial.
  const std::string shown_verdict =
      lead.consent.health_data
          ? verdict_label(m, verdict)
          : m.text("email.verdict_without_health", {{"verdict", verdict_label(m, verdict)}});
  std::string subject =
      package.empty()
          ? m.text("email.clinic.subject_no_package", {{"name", name}, {"verdict", shown_verdict}})
          : m.text("email.clinic.subject", {{"name", name},
                                            {"verdict", shown_verdict},
                                            {"package", package_label(m, package)}});

  Body body;
  body.intro.push_back(m.text("email.clinic.intro", {{"clinic", config.clinic.name}}));

  // Times in the clinic's own zone (the relay's TimeZone, as for "today").
  const auto zone = TimeZone::load(config.clinic.timezone);
  auto clinic_time = [&](const std::string& iso) {
    return email_time(iso, zone, config.clinic.timezone, m);
  };

  Section contact{m.text("email.section.contact"), {}};
  contact.lines.push_back({m.text("email.contact.name"), lead.contact.name});
  contact.lines.push_back(
      {m.text("email.contact.email"), lead.contact.email, false, "mailto:" + lead.contact.email});
  if (!lead.contact.phone.empty()) {
    contact.lines.push_back(
        {m.text("email.contact.phone"), lead.contact.phone, false, tel_href(lead.contact.phone)});
  }
  contact.lines.push_back({m.text("email.contact.preferred"),
                           label(m, "email.preferred." + lead.contact.preferred_contact,
                                 lead.contact.preferred_contact)});
  contact.lines.push_back({m.text("email.lead_id"), input.lead_id});
  contact.lines.push_back({m.text("email.received_at"),
                           email_time(input.received_ms, zone, config.clinic.timezone, m)});
  body.sections.push_back(std::move(contact));

  // Trust notes go first: what the server could not check, and where the visitor's screen
  // disagreed with the server's own figures.
  Section trust{m.text("email.section.check"), {}};
  if (!lead.consent.health_data) {
    trust.paragraph(m.text("email.health_not_shared"));
    if (lead.summary && !lead.summary->verdict.empty()) {
      trust.paragraph(m.text("email.visitor_verdict_unverified",
                             {{"verdict", verdict_label(m, lead.summary->verdict)}}));
    }
  }
  const std::string mismatch = summary_mismatch(lead, result);
  if (!mismatch.empty()) {
    trust.paragraph(m.text("email.mismatch", {{"shown", mismatch}}));
  }
  trust.highlight = true;
  if (!trust.lines.empty()) body.sections.push_back(std::move(trust));

  add_result_sections(body, result, config, m);

  Section answers{m.text("email.section.answers"), {}};
  static constexpr const char* kAnswerKeys[] = {"as_of",
                                                "dob",
                                                "age",
                                                "sex",
                                                "pattern",
                                                "cause",
                                                "alopecia_last_change",
                                                "desired_look",
                                                "scars",
                                                "last_hair_transplant",
                                                "fitzpatrick",
                                                "requested_start"};
  for (const char* key : kAnswerKeys) {
    const json& value = member(lead.answers, key);
    if (value.is_null()) continue;
    answers.lines.push_back(
        {label(m, std::string("email.answer.") + key, key), answer_label(key, value, m)});
  }
  const auto age = smp::age_of(lead.parsed_answers, input.consultation->as_of);
  if (age && member(lead.answers, "age").is_null()) {
    answers.lines.push_back({label(m, "email.answer.age", "age"), std::to_string(*age)});
  }
  body.sections.push_back(std::move(answers));

  // Medical details only with the visitor's health-data consent.
  if (lead.consent.health_data) {
    Section medical{m.text("email.section.medical"), {}};
    const json& answers_medical = member(lead.answers, "medical");
    std::string unsure;  // the questions the visitor skipped or wasn't sure of (SPEC §8), by name
    if (answers_medical.is_object()) {
      for (const auto& [key, value] : answers_medical.items()) {
        if (value.is_string() && value == "unsure") {
          unsure += (unsure.empty() ? "" : "; ") + label(m, "email.medical." + key, key);
          continue;
        }
        const bool reported =
            value.is_boolean() ? value.get<bool>() : !(value.is_string() && value == "none");
        if (!reported) continue;
        medical.lines.push_back({label(m, "email.medical." + key, key), medical_value(value, m)});
      }
    }
    if (!unsure.empty()) medical.lines.push_back({m.text("email.medical.unsure"), unsure});
    if (medical.lines.empty()) medical.paragraph(m.text("email.medical.none"));
    body.sections.push_back(std::move(medical));
  }

  Section consent{m.text("email.section.consent"), {}};
  auto yes_no = [&](bool value) { return m.text(value ? "email.yes" : "email.no"); };
  consent.lines.push_back({m.text("email.consent.contact"), yes_no(lead.consent.contact)});
  consent.lines.push_back({m.text("email.consent.health_data"), yes_no(lead.consent.health_data)});
  consent.lines.push_back({m.text("email.consent.marketing"), yes_no(lead.consent.marketing)});
  consent.lines.push_back({m.text("email.consent.given_at"), clinic_time(lead.consent.given_at)});
  if (!photos_of(input).empty()) {
    consent.lines.push_back({m.text("email.consent.photos"), yes_no(lead.consent.photos)});
  }
  if (!lead.consent.text.empty()) {
    consent.lines.push_back({m.text("email.consent.text"), lead.consent.text});
  }
  body.sections.push_back(std::move(consent));

  Section context{m.text("email.section.context"), {}};
  const auto& ctx = lead.context;
  auto add = [&](const char* key, const std::string& value) {
    if (!value.empty()) context.lines.push_back({m.text(key), value});
  };
  if (!ctx.page_url.empty()) {
    const bool web =
        ctx.page_url.rfind("https://", 0) == 0 || ctx.page_url.rfind("http://", 0) == 0;
    context.lines.push_back(
        {m.text("email.context.page_url"), ctx.page_url, false, web ? ctx.page_url : ""});
  }
  add("email.context.referrer", ctx.referrer);
  for (const auto& [key, value] : ctx.utm) {
    if (!value.empty()) context.lines.push_back({"utm_" + key, value});
  }
  for (const auto& [key, value] : ctx.click_ids) context.lines.push_back({key, value});
  add("email.context.locale", ctx.locale);
  if (!ctx.started_at.empty()) add("email.context.started_at", clinic_time(ctx.started_at));
  add("email.context.widget_version", ctx.widget_version);
  if (!context.lines.empty()) body.sections.push_back(std::move(context));

  const PhotoMailPlan plan = photo_plan(input);
  std::vector<MimeAttachment> attached;
  if (!photos_of(input).empty()) {
    body.sections.push_back(photo_section(input, plan, m));
    for (std::size_t index : plan.in_lead_email) {
      attached.push_back(photo_attachment(photos_of(input)[index]));
    }
  }

  const std::string ics = smp::plan_to_ics(*input.consultation, config, m, plan_stamp(input));
  if (!ics.empty()) body.footer.push_back(m.text("email.clinic.ics_attached"));
  body.footer.push_back(m.text("email.footer"));

  OutgoingMessage message;
  message.lead_id = input.lead_id;
  message.kind = "clinic";
  message.sender = input.sender;
  message.recipients = {input.clinic_to};
  message.message_id = input.lead_id + ".clinic@" + address_domain(input.sender);

  message.mime = assemble_mime({*from, *to, format_mailbox(lead.contact.name, lead.contact.email),
                                subject, "auto-generated"},
                               body, ics, input, message.message_id, attached);
  return message;
}

std::vector<OutgoingMessage> build_clinic_photo_emails(const LeadEmailInput& input) {
  std::vector<OutgoingMessage> messages;
  const auto& photos = photos_of(input);
  const PhotoMailPlan plan = photo_plan(input);
  if (plan.follow_ups.empty()) return messages;
  const smp::Lead& lead = *input.lead;
  const smp::Config& config = *input.config;
  const smp::Messages m(config, smp::resolve_locale(config, config.default_locale));
  const auto to = format_mailbox(config.clinic.name, input.clinic_to, true);
  const auto from = format_mailbox("smp-consult", input.sender, true);
  if (!to || !from) return messages;
  const std::string name = header_safe_text(lead.contact.name);
  const std::string parts = std::to_string(plan.follow_ups.size());
  const std::string clinic_message_id = input.lead_id + ".clinic@" + address_domain(input.sender);
  for (std::size_t p = 0; p < plan.follow_ups.size(); ++p) {
    const smp::MessageParams params{{"lead_id", input.lead_id},
                                    {"name", name},
                                    {"part", std::to_string(p + 1)},
                                    {"parts", parts}};
    Body body;
    body.intro.push_back(m.text("email.photos.follow_up_intro", params));
    Section section{m.text("email.section.photos"), {}};
    std::vector<MimeAttachment> attached;
    for (std::size_t index : plan.follow_ups[p]) {
      const LeadPhoto& photo = photos[index];
      section.add(view_title(m, photo.view),
                  m.text("email.photos.attached", {{"file", photo.filename()},
                                                   {"width", std::to_string(photo.width)},
                                                   {"height", std::to_string(photo.height)}}));
      attached.push_back(photo_attachment(photo));
    }
    body.sections.push_back(std::move(section));
    body.footer.push_back(m.text("email.footer"));
    OutgoingMessage message;
    message.lead_id = input.lead_id;
    message.kind = "clinic-photos-" + std::to_string(p + 1);  // one .eml file each
    message.sender = input.sender;
    message.recipients = {input.clinic_to};
    message.message_id = follow_up_id(input, p + 1);
    message.mime =
        assemble_mime({*from, *to, format_mailbox(lead.contact.name, lead.contact.email),
                       m.text("email.photos.follow_up_subject", params), "auto-generated"},
                      body, "", input, message.message_id, attached, clinic_message_id);
    messages.push_back(std::move(message));
  }
  return messages;
}

std::optional<OutgoingMessage> build_visitor_email(const LeadEmailInput& input) {
  const smp::Lead& lead = *input.lead;
  const smp::Config& config = *input.config;
  if (!config.lead.confirm_to_visitor) return std::nullopt;
  const smp::Messages m(config, smp::resolve_locale(config, lead.context.locale));
  const json result = result_json(input, m);
  const auto to = format_mailbox(lead.contact.name, lead.contact.email);
  const auto from = format_mailbox(config.clinic.name, input.sender, true);
  if (!to || !from) return std::nullopt;

  const std::string subject =
      m.text("email.visitor.subject", {{"clinic", header_safe_text(config.clinic.name)}});
  Body body;
  body.intro.push_back(
      m.text("email.visitor.intro", {{"name", lead.contact.name}, {"clinic", config.clinic.name}}));
  body.intro.push_back(m.text("email.visitor.reference", {{"lead_id", input.lead_id}}));
  if (!lead.consent.health_data) body.intro.push_back(m.text("email.visitor.health_not_shared"));
  add_result_sections(body, result, config, m);
  body.footer.push_back(m.text("email.visitor.disclaimer"));
  std::string contact = config.clinic.email;
  if (!config.clinic.phone.empty()) contact += (contact.empty() ? "" : ", ") + config.clinic.phone;
  if (!contact.empty()) {
    body.footer.push_back(
        m.text("email.visitor.contact", {{"clinic", config.clinic.name}, {"contact", contact}}));
  }
  const std::string ics = smp::plan_to_ics(*input.consultation, config, m, plan_stamp(input));
  if (!ics.empty()) body.footer.push_back(m.text("email.visitor.ics_attached"));

  OutgoingMessage message;
  message.lead_id = input.lead_id;
  message.kind = "visitor";
  message.sender = input.sender;
  message.recipients = {lead.contact.email};
  message.message_id = input.lead_id + ".visitor@" + address_domain(input.sender);

  message.mime =
      assemble_mime({*from, *to, format_mailbox(config.clinic.name, input.clinic_to, true), subject,
                     "auto-replied"},
                    body, ics, input, message.message_id);
  return message;
}

}  // namespace smp::server
