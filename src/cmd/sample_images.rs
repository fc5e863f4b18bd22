//! The demo's sample signature and seal: drawn by the program (no photo of
//! anyone's signature or of a real seal), so that `sign --as` can be tried
//! on the demo's report without setting anything up. Neither looks like a
//! real signature or a real seal (a wave; rings and a star without words).

use crate::error::Error;

/// An RGBA image drawn pixel by pixel, as PNG bytes.
fn png(width: u32, height: u32, pixel: impl Fn(f64, f64) -> [u8; 4]) -> Result<Vec<u8>, Error> {
    let mut data = Vec::with_capacity((width * height * 4) as usize);
    for y in 0..height {
        for x in 0..width {
            data.extend_from_slice(&pixel(f64::from(x), f64::from(y)));
        }
    }
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, width, height);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    // Flat colours on a clear ground: the fast encoder packs them as well,
    // in a fraction of the time.
    encoder.set_compression(png::Compression::Fast);
    let fail = |e: png::EncodingError| Error::Internal(format!("ảnh mẫu: {e}"));
    let mut writer = encoder.write_header().map_err(fail)?;
    writer.write_image_data(&data).map_err(fail)?;
    writer.finish().map_err(fail)?;
    Ok(out)
}

/// A blue flourish on a transparent ground, 600 × 200 pixels.
pub fn signature() -> Result<Vec<u8>, Error> {
    png(600, 200, |x, y| {
        let curve = 100.0 + 55.0 * (x / 38.0).sin() * (1.0 - x / 900.0);
        let stroke = 100.0 + 30.0 * (x / 17.0 + 1.0).cos();
        let near = (y - curve).abs() < 3.5 || ((140.0..420.0).contains(&x) && (y - stroke).abs() < 2.5);
        if near { [25, 45, 170, 255] } else { [0, 0, 0, 0] }
    })
}

/// A red round seal, two rings and a star, on a transparent ground, 500 ×
/// 500 pixels (shown at 36 mm).
pub fn seal() -> Result<Vec<u8>, Error> {
    png(500, 500, |x, y| {
        let (dx, dy) = (x - 250.0, y - 250.0);
        let r = dx.hypot(dy);
        // The angle only where the star (radius 70 at most) or the dots are.
        let angle = || dy.atan2(dx);
        let ring = (232.0..246.0).contains(&r) || (168.0..176.0).contains(&r);
        let dots = (196.0..212.0).contains(&r) && ((angle() * 18.0).sin() > 0.6);
        // A five-pointed star: radius varies with the angle.
        let star = || 70.0 * (0.55 + 0.45 * ((5.0 * angle()).cos()).max(0.0));
        if ring || dots || (r < 70.0 && r < star()) { [210, 25, 30, 235] } else { [0, 0, 0, 0] }
    })
}
