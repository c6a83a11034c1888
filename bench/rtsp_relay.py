# The benchmarks' RTSP relay: GStreamer's gst-rtsp-server (Debian gir1.2-gst-rtsp-server-1.0), the same relay the
# streamer's tests use (streamer/src/test/resources/.../rtsp-relay.py) with one difference that matters for latency:
# the RECORD side's jitter buffer is set to 0 ms (gst-rtsp-server's default of 200 ms would delay every frame by
# 200 ms before a reader sees it; MediaMTX has no such buffer).
#
#   /usr/bin/python3 bench/rtsp_relay.py PORT LATENCY_MS PATH...
# Publishers RECORD to rtsp://127.0.0.1:PORT/<path>; readers PLAY rtsp://127.0.0.1:PORT/<path>/play and receive the
# publisher's H.264 access units unchanged. Prints "ready" once it listens.
import sys
import gi
gi.require_version('Gst', '1.0')
gi.require_version('GstRtspServer', '1.0')
from gi.repository import Gst, GstRtspServer, GLib

Gst.init(None)
port, latency_ms, paths = sys.argv[1], int(sys.argv[2]), sys.argv[3:] or ['cam']
CAPS = 'video/x-h264,stream-format=byte-stream,alignment=au'
readers = {path: [] for path in paths}


def relay(sink, path):
    buf = sink.emit('pull-sample').get_buffer().copy()
    buf.pts = buf.dts = Gst.CLOCK_TIME_NONE  # each reader's appsrc stamps arrival time
    for src in list(readers[path]):
        src.emit('push-buffer', buf)
    return Gst.FlowReturn.OK


def on_record(factory, media, path):
    media.get_element().get_by_name('sink').connect('new-sample', relay, path)


def on_play(factory, media, path):
    src = media.get_element().get_by_name('src')
    readers[path].append(src)
    media.connect('unprepared', lambda m: src in readers[path] and readers[path].remove(src))


server = GstRtspServer.RTSPServer()
server.set_address('127.0.0.1')
server.set_service(port)
pool = GstRtspServer.RTSPThreadPool()
pool.set_max_threads(-1)  # default 1 deadlocks a TCP publisher against a reader
server.set_thread_pool(pool)
mounts = server.get_mount_points()
for path in paths:
    record = GstRtspServer.RTSPMediaFactory()
    record.set_transport_mode(GstRtspServer.RTSPTransportMode.RECORD)
    record.set_latency(latency_ms)
    record.set_launch('( rtph264depay name=depay0 ! h264parse ! ' + CAPS
                      + ' ! appsink name=sink sync=false emit-signals=true )')
    record.connect('media-configure', on_record, path)
    mounts.add_factory('/' + path, record)
    play = GstRtspServer.RTSPMediaFactory()
    play.set_shared(True)
    play.set_latency(latency_ms)
    play.set_launch('( appsrc name=src is-live=true do-timestamp=true format=time caps=' + CAPS
                    + ' ! h264parse ! rtph264pay name=pay0 pt=96 )')
    play.connect('media-configure', on_play, path)
    mounts.add_factory('/' + path + '/play', play)
if server.attach(None) == 0:
    sys.exit('cannot listen on 127.0.0.1:' + port)
print('ready', flush=True)
GLib.MainLoop().run()
