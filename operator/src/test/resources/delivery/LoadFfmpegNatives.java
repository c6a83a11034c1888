import org.bytedeco.javacpp.Loader;

/** Loads every FFmpeg library the streamer uses, as its first grab would; run as a single-file source program. */
public class LoadFfmpegNatives {
  public static void main(String[] args) throws Exception {
    for (String name : new String[] {"avutil", "swresample", "swscale", "avcodec", "avformat", "avfilter",
        "avdevice"}) {
      Loader.load(Class.forName("org.bytedeco.ffmpeg.global." + name));
    }
    System.out.println("loaded " + org.bytedeco.ffmpeg.global.avcodec.avcodec_version());
  }
}
