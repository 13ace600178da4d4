// Photos and scans as image files: turn upright, scale down if huge, find the document in a photo
// and read it flat (read-flattened-photo.ts), else OCR the image as it is; read a poorly read large
// image once more at half size.
import { readJpegOrientation } from "../intake/index.js";
import type { ExtractedFile, IntakeFile, PageText } from "../types.js";
import { type ExtractionContext, ocrFailed, problemResult } from "./extraction-context.js";
import type { GreyImage } from "./grey-image.js";
import { measurePhotoQuality } from "./measure-photo-quality.js";
import { OcrError } from "./ocr-error.js";
import { decodeImageWithMupdf } from "./pdf-raster.js";
import { decodeGreyImage, measureImageInk, type PreparedImage, prepareImageForOcr } from "./prepare-image.js";
import { readFlattenedPhoto } from "./read-flattened-photo.js";
import { readOcrPage } from "./read-ocr-page.js";

/** Only images at least this big on their shorter side are read a second time at half size. */
const RETRY_MIN_SIDE = 1000;

export async function extractImageFile(
  context: ExtractionContext,
  file: IntakeFile,
  kind: "png" | "jpeg" | "webp",
  size: { width: number; height: number },
): Promise<ExtractedFile> {
  const started = performance.now();
  const orientation = kind === "jpeg" ? readJpegOrientation(file.bytes) : 1;
  const small = Math.min(size.width, size.height) < context.limits.minImageSide;
  const readImage = (image: Uint8Array, width: number, height: number) =>
    readOcrPage({
      ocr: context.ocr,
      page: 1,
      image,
      width,
      height,
      minConfidence: context.minConfidence,
      small,
      measureInk: () => measureImageInk(image),
      started,
    });
  // Decoded once per prepared image: for finding the document and for measuring the photo.
  const greys = new Map<Uint8Array, Promise<GreyImage | undefined>>();
  const greyOf = (image: Uint8Array) => {
    const grey = greys.get(image) ?? decodeGreyImage(image).catch(() => undefined);
    greys.set(image, grey);
    return grey;
  };
  // The document found in the photo and read flat; the photo as it is when it shows no document
  // outline, or when the flat reading is unsure and the plain one surer.
  const read = async (prepared: PreparedImage) => {
    const photo = context.findDocuments ? await greyOf(prepared.image) : undefined;
    const flat =
      photo &&
      (await readFlattenedPhoto({
        photo,
        read: readImage,
        minConfidence: context.minConfidence,
      }));
    if (flat && flat.confidence >= context.retryBelowConfidence) return flat;
    const plain = await readImage(prepared.image, prepared.width, prepared.height);
    return flat && flat.confidence > plain.confidence ? flat : plain;
  };
  // When canvas or tesseract cannot decode the bytes, mupdf may (it reads more JPEG variants).
  const viaMupdf = async () => {
    const decoded = decodeImageWithMupdf(file.bytes);
    return prepareImageForOcr(decoded.png, {
      width: decoded.width,
      height: decoded.height,
      maxPixels: context.ocrImagePixels,
    });
  };

  let prepared: PreparedImage;
  try {
    prepared = await prepareImageForOcr(file.bytes, { ...size, orientation, maxPixels: context.ocrImagePixels });
  } catch {
    try {
      prepared = await viaMupdf();
    } catch {
      return problemResult(context, file, kind, "corrupt");
    }
  }
  let page: PageText;
  try {
    page = await read(prepared);
  } catch (error) {
    if (!isUnreadable(error)) return ocrFailed(context, file, kind, 1, [], error);
    try {
      prepared = await viaMupdf();
      page = await read(prepared);
    } catch (retryError) {
      if (retryError instanceof OcrError && !isUnreadable(retryError))
        return ocrFailed(context, file, kind, 1, [], retryError);
      return problemResult(context, file, kind, "corrupt");
    }
  }

  const width = page.width ?? 0;
  const height = page.height ?? 0;
  if (
    page.lines.length > 0 &&
    page.confidence < context.retryBelowConfidence &&
    Math.min(width, height) >= RETRY_MIN_SIDE
  ) {
    try {
      const half = await prepareImageForOcr(prepared.image, {
        width,
        height,
        maxLongSide: Math.round(Math.max(width, height) / 2),
      });
      const second = await read(half);
      // Kept in the first reading's pixel space, where evidence boxes are drawn and re-read.
      if (second.confidence > page.confidence) page = scalePage(second, width, height);
    } catch (error) {
      // The first reading stands.
      context.logger.warn({ fileId: file.fileId, err: error }, "second reading at half size failed");
    }
  }
  const photo = await greyOf(prepared.image);
  if (photo)
    page = {
      ...page,
      photo: measurePhotoQuality(photo, {
        documents: page.documents?.map((document) => document.corners),
        lines: page.lines,
      }),
    };
  return { fileId: file.fileId, kind, pages: [page], pageCount: 1 };
}

/** A page read from a scaled copy, with its boxes and size mapped onto a `width` × `height` image. */
function scalePage(page: PageText, width: number, height: number): PageText {
  const factor = page.width ? width / page.width : 1;
  const scale = (value: number) => Math.round(value * factor);
  return {
    ...page,
    width,
    height,
    ...(page.documents
      ? {
          documents: page.documents.map((document) => ({
            ...document,
            corners: document.corners.map(([x, y]) => [x * factor, y * factor] as [number, number]),
          })),
        }
      : {}),
    lines: page.lines.map((line) =>
      line.box
        ? {
            ...line,
            box: { x0: scale(line.box.x0), y0: scale(line.box.y0), x1: scale(line.box.x1), y1: scale(line.box.y1) },
          }
        : line,
    ),
  };
}

function isUnreadable(error: unknown): boolean {
  return error instanceof OcrError && error.code === "image_unreadable";
}
