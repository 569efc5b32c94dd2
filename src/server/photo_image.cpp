// Photo verification and metadata stripping on libjpeg-turbo (libjpeg62-turbo) and libpng 1.6.
// libjpeg reports errors through a callback that must not return: it longjmps back into the one
// function per job that holds the setjmp, and that function keeps no C++ object with a
// destructor, so nothing is skipped on the way out. The job's state lives in the caller's frame.
#include "smp/server/photo_image.hpp"

#include <csetjmp>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

// jpeglib.h needs FILE and size_t declared first.
#include <jpeglib.h>
#include <png.h>

namespace smp::server {
namespace {

// A progressive JPEG may have any number of scans and each costs a pass over the coefficients;
// real encoders write about ten (libjpeg's own limit in djpeg -maxscans is a choice too).
constexpr int kMaxJpegScans = 100;
// libjpeg's memory manager refuses larger arrays (the pixel limit keeps far below this).
constexpr long kMaxJpegMemory = 256L * 1024 * 1024;
// Photos that must be re-encoded (a PNG, a JPEG turned upright).
constexpr int kReencodeQuality = 92;

struct JpegErrors {
  jpeg_error_mgr manager;  // first: libjpeg hands it back as cinfo->err
  std::jmp_buf jump;
  char message[JMSG_LENGTH_MAX];
};

extern "C" void on_jpeg_error(j_common_ptr cinfo) {
  auto* errors = reinterpret_cast<JpegErrors*>(cinfo->err);
  (*cinfo->err->format_message)(cinfo, errors->message);
  std::longjmp(errors->jump, 1);
}

// Level -1 is a warning: premature end of data, corrupt segments, a bogus profile. A photo that
// only decodes with the decoder filling in grey is refused rather than passed to the clinic.
extern "C" void on_jpeg_message(j_common_ptr cinfo, int level) {
  if (level < 0) on_jpeg_error(cinfo);
}

extern "C" void on_jpeg_progress(j_common_ptr cinfo) {
  if (!cinfo->is_decompressor) return;
  if (reinterpret_cast<j_decompress_ptr>(cinfo)->input_scan_number > kMaxJpegScans) {
    auto* errors = reinterpret_cast<JpegErrors*>(cinfo->err);
    std::snprintf(errors->message, sizeof errors->message, "more than %d scans", kMaxJpegScans);
    std::longjmp(errors->jump, 1);
  }
}

void use_errors(JpegErrors& errors) {
  jpeg_std_error(&errors.manager);
  errors.manager.error_exit = on_jpeg_error;
  errors.manager.emit_message = on_jpeg_message;
  errors.message[0] = '\0';
}

bool within_limits(long long width, long long height) {
  return width > 0 && height > 0 && width <= kMaxPhotoSidePx && height <= kMaxPhotoSidePx &&
         width * height <= kMaxPhotoPixels;
}

// The Exif Orientation (tag 0x0112 in IFD0, 1..8) of an APP1 "Exif" segment, or 1 (upright)
// when there is none or it cannot be read. Every offset is checked against the segment.
int exif_orientation(const jpeg_saved_marker_ptr markers) {
  for (auto m = markers; m; m = m->next) {
    const unsigned char* d = m->data;
    const size_t n = m->data_length;
    if (m->marker != JPEG_APP0 + 1 || n < 14 || std::memcmp(d, "Exif\0\0", 6) != 0) continue;
    const unsigned char* tiff = d + 6;
    const size_t size = n - 6;
    const bool little = tiff[0] == 'I' && tiff[1] == 'I';
    if (!little && !(tiff[0] == 'M' && tiff[1] == 'M')) return 1;
    const auto u16 = [&](size_t at) {
      return little ? unsigned(tiff[at] | tiff[at + 1] << 8)
                    : unsigned(tiff[at] << 8 | tiff[at + 1]);
    };
    const auto u32 = [&](size_t at) {
      return little ? (size_t(u16(at + 2)) << 16 | u16(at)) : (size_t(u16(at)) << 16 | u16(at + 2));
    };
    if (u16(2) != 42) return 1;
    const size_t ifd = u32(4);
    if (ifd > size - 2) return 1;
    const size_t entries = u16(ifd);
    for (size_t i = 0; i < entries; ++i) {
      const size_t at = ifd + 2 + i * 12;
      if (at > size - 12) return 1;
      if (u16(at) != 0x0112) continue;
      const unsigned value = u16(at + 8);  // a SHORT, left-aligned in the value field
      return u16(at + 2) == 3 && value >= 1 && value <= 8 ? int(value) : 1;
    }
    return 1;
  }
  return 1;
}

// What every decode sets up once its error handler is in place (called after the caller's
// setjmp, holding no C++ object): the memory and scan limits and the input.
void open_source(jpeg_decompress_struct& source, jpeg_progress_mgr& progress, bool& made,
                 const unsigned char* input, unsigned long size) {
  jpeg_create_decompress(&source);
  made = true;
  source.mem->max_memory_to_use = kMaxJpegMemory;
  progress.progress_monitor = on_jpeg_progress;
  source.progress = &progress;
  jpeg_mem_src(&source, input, size);
}

struct JpegCopy {
  const unsigned char* input = nullptr;
  unsigned long input_size = 0;
  JpegErrors errors;
  jpeg_decompress_struct source;
  jpeg_compress_struct target;
  jpeg_progress_mgr progress;
  bool source_made = false, target_made = false;
  unsigned char* output = nullptr;
  unsigned long output_size = 0;
  JOCTET* icc = nullptr;
  unsigned int icc_size = 0;
  int width = 0, height = 0;
  bool too_many_pixels = false;
  int orientation = 1;  // the Exif orientation, when it is not 1: see turn_upright
};

// The lossless rewrite of jpegtran -copy icc: coefficients in, the same coefficients out, with
// only the markers libjpeg writes itself (JFIF, or Adobe for CMYK) and the ICC profile.
bool copy_jpeg(JpegCopy& job) {
  use_errors(job.errors);
  job.source.err = &job.errors.manager;
  job.target.err = &job.errors.manager;
  if (setjmp(job.errors.jump)) return false;
  open_source(job.source, job.progress, job.source_made, job.input, job.input_size);
  jpeg_save_markers(&job.source, JPEG_APP0 + 1, 0xFFFF);  // read for its orientation only
  jpeg_save_markers(&job.source, JPEG_APP0 + 2, 0xFFFF);
  jpeg_read_header(&job.source, TRUE);
  job.width = static_cast<int>(job.source.image_width);
  job.height = static_cast<int>(job.source.image_height);
  if (!within_limits(job.source.image_width, job.source.image_height)) {
    job.too_many_pixels = true;
    return false;
  }
  // A camera's sideways photo: its pixels are turned instead (CMYK has no RGB path in libjpeg;
  // it keeps its pixels as they are, like every JPEG once its Exif is gone).
  job.orientation = exif_orientation(job.source.marker_list);
  if (job.orientation != 1 && job.source.jpeg_color_space != JCS_CMYK &&
      job.source.jpeg_color_space != JCS_YCCK) {
    return false;
  }
  job.orientation = 1;
  jvirt_barray_ptr* coefficients = jpeg_read_coefficients(&job.source);
  jpeg_create_compress(&job.target);
  job.target_made = true;
  jpeg_mem_dest(&job.target, &job.output, &job.output_size);
  jpeg_copy_critical_parameters(&job.source, &job.target);
  jpeg_write_coefficients(&job.target, coefficients);
  if (jpeg_read_icc_profile(&job.source, &job.icc, &job.icc_size)) {
    jpeg_write_icc_profile(&job.target, job.icc, job.icc_size);
  }
  jpeg_finish_compress(&job.target);
  jpeg_finish_decompress(&job.source);
  return true;
}

struct JpegDecode {
  const unsigned char* input = nullptr;
  unsigned long input_size = 0;
  JpegErrors errors;
  jpeg_decompress_struct source;
  jpeg_progress_mgr progress;
  bool source_made = false;
  std::vector<unsigned char>* rgb = nullptr;  // width * height * 3, filled row by row
  int width = 0, height = 0;
};

// The pixels as RGB (the limits were checked by copy_jpeg, which read the same header).
bool decode_jpeg(JpegDecode& job) {
  use_errors(job.errors);
  job.source.err = &job.errors.manager;
  if (setjmp(job.errors.jump)) return false;
  open_source(job.source, job.progress, job.source_made, job.input, job.input_size);
  jpeg_read_header(&job.source, TRUE);
  job.source.out_color_space = JCS_RGB;
  jpeg_start_decompress(&job.source);
  job.width = static_cast<int>(job.source.output_width);
  job.height = static_cast<int>(job.source.output_height);
  const size_t stride = static_cast<size_t>(job.width) * 3;
  job.rgb->resize(stride * static_cast<size_t>(job.height));
  while (job.source.output_scanline < job.source.output_height) {
    JSAMPROW row = job.rgb->data() + job.source.output_scanline * stride;
    jpeg_read_scanlines(&job.source, &row, 1);
  }
  jpeg_finish_decompress(&job.source);
  return true;
}

// Exif orientation 2..8 applied to RGB pixels: what a viewer would show, as pixels without a tag.
std::vector<unsigned char> turn_upright(const std::vector<unsigned char>& rgb, int width,
                                        int height, int orientation, int& out_width,
                                        int& out_height) {
  const bool swaps = orientation >= 5;  // 5..8 turn by a quarter: width and height swap
  out_width = swaps ? height : width;
  out_height = swaps ? width : height;
  std::vector<unsigned char> out(rgb.size());
  for (int y = 0; y < out_height; ++y) {
    for (int x = 0; x < out_width; ++x) {
      int sx = x, sy = y;  // the source pixel shown at (x, y)
      switch (orientation) {
        case 2: sx = width - 1 - x; break;
        case 3: sx = width - 1 - x, sy = height - 1 - y; break;
        case 4: sy = height - 1 - y; break;
        case 5: sx = y, sy = x; break;
        case 6: sx = y, sy = height - 1 - x; break;
        case 7: sx = width - 1 - y, sy = height - 1 - x; break;
        case 8: sx = width - 1 - y, sy = x; break;
        default: break;
      }
      const size_t from = (static_cast<size_t>(sy) * width + sx) * 3;
      const size_t to = (static_cast<size_t>(y) * out_width + x) * 3;
      std::memcpy(&out[to], &rgb[from], 3);
    }
  }
  return out;
}

struct JpegEncode {
  const unsigned char* rgb = nullptr;
  int width = 0, height = 0;
  JpegErrors errors;
  jpeg_compress_struct target;
  bool target_made = false;
  unsigned char* output = nullptr;
  unsigned long output_size = 0;
};

bool encode_jpeg(JpegEncode& job) {
  use_errors(job.errors);
  job.target.err = &job.errors.manager;
  if (setjmp(job.errors.jump)) return false;
  jpeg_create_compress(&job.target);
  job.target_made = true;
  jpeg_mem_dest(&job.target, &job.output, &job.output_size);
  job.target.image_width = static_cast<JDIMENSION>(job.width);
  job.target.image_height = static_cast<JDIMENSION>(job.height);
  job.target.input_components = 3;
  job.target.in_color_space = JCS_RGB;
  jpeg_set_defaults(&job.target);
  jpeg_set_quality(&job.target, kReencodeQuality, TRUE);
  jpeg_start_compress(&job.target, TRUE);
  const size_t stride = static_cast<size_t>(job.width) * 3;
  while (job.target.next_scanline < job.target.image_height) {
    JSAMPROW row = const_cast<unsigned char*>(job.rgb) + job.target.next_scanline * stride;
    jpeg_write_scanlines(&job.target, &row, 1);
  }
  jpeg_finish_compress(&job.target);
  return true;
}

CleanedPhoto refused(std::string code, std::string message) {
  CleanedPhoto photo;
  photo.code = std::move(code);
  photo.message = std::move(message);
  return photo;
}

// The JPEG libjpeg wrote (malloc'ed by its memory destination; the caller frees it).
CleanedPhoto accepted(const unsigned char* jpeg, unsigned long size, int width, int height) {
  CleanedPhoto photo;
  photo.ok = true;
  photo.jpeg.assign(reinterpret_cast<const char*>(jpeg), size);
  photo.width = width;
  photo.height = height;
  return photo;
}

CleanedPhoto too_many_pixels(long long width, long long height) {
  return refused("photo_too_many_pixels",
                 "the image is " + std::to_string(width) + " x " + std::to_string(height) +
                     " pixels; at most " + std::to_string(kMaxPhotoSidePx) + " on a side and " +
                     std::to_string(kMaxPhotoPixels / 1'000'000) + " megapixels are accepted");
}

CleanedPhoto encode_rgb(const std::vector<unsigned char>& rgb, int width, int height,
                        const char* what);

// A JPEG whose Exif turns it: decoded, turned upright, encoded again (quality 92) — one lossy
// generation, so the clinic sees it the right way up without any Exif.
CleanedPhoto upright_jpeg(std::string_view data, int orientation) {
  std::vector<unsigned char> rgb;
  JpegDecode job;
  job.input = reinterpret_cast<const unsigned char*>(data.data());
  job.input_size = static_cast<unsigned long>(data.size());
  job.rgb = &rgb;
  const bool decoded = decode_jpeg(job);
  if (job.source_made) jpeg_destroy_decompress(&job.source);
  if (!decoded) {
    return refused("photo_corrupt",
                   std::string("the JPEG could not be decoded: ") + job.errors.message);
  }
  int width = 0, height = 0;
  const auto turned = turn_upright(rgb, job.width, job.height, orientation, width, height);
  rgb.clear();
  rgb.shrink_to_fit();
  return encode_rgb(turned, width, height, "JPEG");
}

CleanedPhoto clean_jpeg(std::string_view data) {
  JpegCopy job;
  job.input = reinterpret_cast<const unsigned char*>(data.data());
  job.input_size = static_cast<unsigned long>(data.size());
  const bool copied = copy_jpeg(job);
  if (job.target_made) jpeg_destroy_compress(&job.target);
  if (job.source_made) jpeg_destroy_decompress(&job.source);
  if (!copied && job.orientation != 1) {
    std::free(job.output);
    std::free(job.icc);
    return upright_jpeg(data, job.orientation);
  }
  CleanedPhoto photo;
  if (copied) {
    photo = accepted(job.output, job.output_size, job.width, job.height);
  } else if (job.too_many_pixels) {
    photo = too_many_pixels(job.width, job.height);
  } else {
    photo = refused("photo_corrupt",
                    std::string("the JPEG could not be decoded: ") + job.errors.message);
  }
  std::free(job.output);
  std::free(job.icc);
  return photo;
}

CleanedPhoto clean_png(std::string_view data) {
  png_image image;
  std::memset(&image, 0, sizeof image);
  image.version = PNG_IMAGE_VERSION;
  if (!png_image_begin_read_from_memory(&image, data.data(), data.size())) {
    const std::string why = image.message;
    png_image_free(&image);
    return refused("photo_corrupt", "the PNG could not be decoded: " + why);
  }
  if (!within_limits(image.width, image.height)) {
    png_image_free(&image);
    return too_many_pixels(image.width, image.height);
  }
  // RGB without alpha: transparent areas are laid on white, as a mail client would show them.
  image.format = PNG_FORMAT_RGB;
  std::vector<png_byte> pixels(PNG_IMAGE_SIZE(image));
  png_color white{255, 255, 255};
  if (!png_image_finish_read(&image, &white, pixels.data(), 0, nullptr)) {
    const std::string why = image.message;
    png_image_free(&image);
    return refused("photo_corrupt", "the PNG could not be decoded: " + why);
  }
  return encode_rgb(pixels, static_cast<int>(image.width), static_cast<int>(image.height), "PNG");
}

CleanedPhoto encode_rgb(const std::vector<unsigned char>& rgb, int width, int height,
                        const char* what) {
  JpegEncode job;
  job.rgb = rgb.data();
  job.width = width;
  job.height = height;
  const bool encoded = encode_jpeg(job);
  if (job.target_made) jpeg_destroy_compress(&job.target);
  CleanedPhoto photo;
  if (encoded) {
    photo = accepted(job.output, job.output_size, job.width, job.height);
  } else {
    photo = refused("photo_corrupt",
                    std::string("the ") + what + " could not be re-encoded: " + job.errors.message);
  }
  std::free(job.output);
  return photo;
}

}  // namespace

CleanedPhoto clean_photo(std::string_view data) {
  static constexpr unsigned char kJpeg[] = {0xFF, 0xD8, 0xFF};
  static constexpr unsigned char kPng[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  if (data.size() >= sizeof kJpeg && std::memcmp(data.data(), kJpeg, sizeof kJpeg) == 0) {
    return clean_jpeg(data);
  }
  if (data.size() >= sizeof kPng && std::memcmp(data.data(), kPng, sizeof kPng) == 0) {
    return clean_png(data);
  }
  return refused("photo_not_an_image", "the file is neither a JPEG nor a PNG image");
}

}  // namespace smp::server
