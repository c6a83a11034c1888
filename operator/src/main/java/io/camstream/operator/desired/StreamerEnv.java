package io.camstream.operator.desired;

/** The streamer's environment contract (see the streamer's README); the operator is its only writer. */
public final class StreamerEnv {
  public static final String CAMERA_NAME = "CAMSTREAM_CAMERA_NAME";
  public static final String SOURCE = "CAMSTREAM_SOURCE";
  public static final String PUBLISH_URL = "CAMSTREAM_PUBLISH_URL";
  public static final String MODE = "CAMSTREAM_MODE";
  public static final String AUDIO = "CAMSTREAM_AUDIO";
  public static final String WIDTH = "CAMSTREAM_WIDTH";
  public static final String HEIGHT = "CAMSTREAM_HEIGHT";
  public static final String FPS = "CAMSTREAM_FPS";
  public static final String BITRATE_KBPS = "CAMSTREAM_BITRATE_KBPS";
  public static final String RTSP_TRANSPORT = "CAMSTREAM_RTSP_TRANSPORT";
  public static final String SOURCE_USERNAME = "CAMSTREAM_SOURCE_USERNAME";
  public static final String SOURCE_PASSWORD = "CAMSTREAM_SOURCE_PASSWORD";
  public static final String PUBLISH_USERNAME = "CAMSTREAM_PUBLISH_USERNAME";
  public static final String PUBLISH_PASSWORD = "CAMSTREAM_PUBLISH_PASSWORD";
  public static final String HEALTH_PORT = "CAMSTREAM_HEALTH_PORT";
  public static final String JAVA_TOOL_OPTIONS = "JAVA_TOOL_OPTIONS";

  private StreamerEnv() {
  }
}
