// photos.* texts, locale en: the photo step's views and the photo errors of a lead.
#include <array>

#include "messages_parts.hpp"

namespace smp {
namespace {
constexpr std::array<MessageEntry, 38> kPhotoMessagesEn{{
    {"photos.view.front", "Front and hairline"},
    {"photos.view.front.help",
     "Face the camera, hair pushed back, so your whole hairline and forehead are in the photo."},
    {"photos.view.left", "Left side and temple"},
    {"photos.view.left.help", "Turn your head to the right so the left temple and side are seen."},
    {"photos.view.right", "Right side and temple"},
    {"photos.view.right.help", "Turn your head to the left so the right temple and side are seen."},
    {"photos.view.top", "Top of the head"},
    {"photos.view.top.help",
     "Hold the camera above your head, looking down, from the hairline to the crown."},
    {"photos.view.crown", "Crown"},
    {"photos.view.crown.help",
     "The back of the top of your head: ask someone to help, or use a mirror behind you."},
    {"photos.view.back", "Back of the head"},
    {"photos.view.back.help", "The back and lower sides, where your hair is fullest."},
    {"photos.view.scar", "Scar {n}"},
    {"photos.view.scar.help", "The whole scar in good light, close enough to see its edges."},
    {"photos.quality.too_small",
     "This photo is small: the clinic may not see enough detail. Use the camera's full size."},
    {"photos.quality.too_dark",
     "This photo is too dark. Move to a bright room or face a window, then retake it."},
    {"photos.quality.overexposed",
     "This photo is too bright. Avoid direct sunlight or flash on the scalp, then retake it."},
    {"photos.quality.blurry",
     "This photo looks blurry. Hold the phone still, tap the scalp to focus, then retake it."},
    {"photos.step.title", "Photos for an exact quote"},
    {"photos.step.intro",
     "{clinic} can quote exactly from photos of these views. Each photo is made smaller and "
     "checked on your device, and is sent only with your request if you tick the box for photos."},
    {"photos.step.optional", "Optional: you can send your request without photos."},
    {"photos.add", "Add photo"},
    {"photos.retake", "Retake"},
    {"photos.remove", "Remove"},
    {"photos.keep", "Send anyway"},
    {"photos.checking", "{view}: checking the photo…"},
    {"photos.ok", "{view}: the photo looks good."},
    {"photos.problem", "{view}: {problems}"},
    {"photos.kept", "{view}: this photo will be sent as it is."},
    {"photos.removed", "{view}: photo removed."},
    {"photos.thumbnail", "Your photo: {view}"},
    {"photos.unreadable", "{view}: this file could not be opened as a photo. Try another one."},
    {"photos.consent", "I agree to send these photos to {clinic} for my consultation."},
    {"photos.error.photos_disabled", "This clinic does not take photos online."},
    {"photos.error.photos_consent_missing",
     "Photos can only be sent if you agree to share them with the clinic."},
    {"photos.error.photo_view_unknown", "This photo isn't one of the views we asked for."},
    {"photos.error.photo_view_repeated", "You've already added a photo for this view."},
    {"photos.error.too_many_photos", "You can send at most 8 photos."},
}};
}  // namespace

SMP_MESSAGE_PART(kPhotoMessagesEn, photo_messages_en, photo_key_hashes_en)

}  // namespace smp
