/**
 * Reading the pictures in a dataset: recognising image files, decoding every common format (JPEG including CMYK and
 * YCCK, PNG, BMP, GIF, WebP, TIFF) to one pixel layout ({@code TYPE_INT_RGB}, alpha over white, EXIF orientation
 * applied), and shrinking them for the network and for thumbnails.
 *
 * <p>Datasets come from users' folders, so every file is suspect: a decoder failure is always an
 * {@link dev.loupe.engine.image.ImageDecodeException} whose message names the file and says what is wrong with it,
 * never a stray runtime exception. Images are subsampled while they are read, so a 100-megapixel photo costs the
 * memory of the small picture the network needs, and headers claiming absurd sizes are refused before any pixel is
 * read.
 *
 * <p>Decoding is most of the time of extracting features, so plain JPEGs take a faster route: libjpeg-turbo scaled in
 * the DCT domain ({@code ScaledJpeg}), else raw samples converted by Loupe ({@code JpegHeader}, {@code JpegPixels},
 * {@code ProfileConversions}); every other file goes through ImageIO and the TwelveMonkeys plugins. A camera's
 * embedded thumbnail serves the grid when large enough ({@code EmbeddedThumbnail}).
 */
package dev.loupe.engine.image;
