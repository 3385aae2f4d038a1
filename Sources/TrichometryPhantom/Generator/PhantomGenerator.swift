import TrichometryImageIO

/// Renders phantom trichoscopy images with per-hair ground truth.
///
/// The scene is laid out first (field, skin, follicular units, hairs, artifacts), the truth is read
/// off that layout, and the pixels are painted from it: skin, subsurface features, hairs, optics,
/// sensor, banner. Everything is deterministic in the request.
public enum PhantomGenerator {
    public static func generate(_ request: PhantomRequest, format: PhantomImageFormat? = nil) throws -> PhantomSample {
        try request.validate()
        let scene = SceneBuilder.build(request)
        let name = request.fileStem + "." + (format ?? request.preset.defaultFormat).fileExtension
        let truth = TruthBuilder.truth(for: scene, preset: request.preset, seed: request.seed, imageName: name)
        return PhantomSample(image: render(scene), truth: truth, fileStem: request.fileStem)
    }

    static func render(_ scene: PhantomScene) -> RasterImage {
        var canvas = Canvas(width: scene.width, height: scene.height)
        SkinRenderer.paint(&canvas, skin: scene.skin, umPerPx: scene.umPerPx)
        SceneRenderer.paint(&canvas, scene: scene)
        OpticsRenderer.paintImmersionArtifacts(&canvas, artifacts: scene.artifacts)
        OpticsRenderer.applyLens(&canvas, optics: scene.optics)
        if let aperture = scene.field.aperture { OpticsRenderer.applyAperture(&canvas, aperture: aperture) }
        OpticsRenderer.addSensorNoise(&canvas, sigma: scene.optics.noiseSigma, seed: scene.optics.seed)
        OpticsRenderer.sharpen(&canvas, amount: scene.optics.sharpenAmount, sigma: scene.optics.sharpenSigmaPx)
        var pixels = canvas.quantised()
        if let banner = scene.field.banner {
            BannerRenderer.burn(&pixels, width: scene.width, height: scene.height, banner: banner,
                                text: scene.artifacts.bannerText, background: scene.artifacts.bannerBackground,
                                ink: scene.artifacts.bannerInk)
        }
        if let circle = scene.artifacts.annotation {
            BannerRenderer.drawCircle(&pixels, width: scene.width, height: scene.height, centre: circle.centre,
                                      radius: circle.radius, lineWidth: circle.width, colour: Colour(0.9, 0.1, 0.1))
        }
        return RasterImage(width: scene.width, height: scene.height, channels: 3, pixels: pixels)
    }
}
