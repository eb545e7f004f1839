import jpeg from 'jpeg-js'

/** A small real JPEG as raw base64, painted with one colour. */
export function tinyJpegBase64(rgb: [number, number, number] = [200, 80, 40], size = 16): string {
  const data = Buffer.alloc(size * size * 4)
  for (let i = 0; i < size * size; i++) data.set([...rgb, 255], i * 4)
  return Buffer.from(jpeg.encode({ data, width: size, height: size }, 80).data).toString('base64')
}
