package io.camstream.streamer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CameraNamesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "rtsp://site-mediamtx:8554/lobby|lobby",
        "rtsp://pub:secret@site-mediamtx:8554/site/gate-2?x=1|gate-2",
        "rtsp://m:8554/cam%201/|cam-201",
        "rtmp://m/live/|live",
        "rtsp://m:8554|camera",
        "rtsp://m:8554/__|camera",
    })
    void derivesTheNameFromThePublishPath(String url, String expected) {
        assertThat(CameraNames.fromPublishUrl(url)).isEqualTo(expected);
    }
}
