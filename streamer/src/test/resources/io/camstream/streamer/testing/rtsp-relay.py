# A minimal RTSP relay for tests: publishers RECORD to rtsp://127.0.0.1:PORT/<path>, readers PLAY
# rtsp://127.0.0.1:PORT/<path>/play and get the publisher's H.264 access units unchanged (no SPS/PPS inserted,
# so what a reader sees in-band is what the publisher sent). Run with Debian's /usr/bin/python3 (it has gi).
# The benchmarks use it too, with RELAY_LATENCY_MS=0: gst-rtsp-server's default 200 ms jitter buffer would otherwise
# delay every frame before a reader sees it (MediaMTX has no such buffer).
import os
import sys
import gi
gi.require_version('Gst', '1.0')
gi.require_version('GstRtspServer', '1.0')
from gi.repository import Gst, GstRtspServer, GLib

Gst.init(None)
port, paths = sys.argv[1], sys.argv[2:] or ['cam']
CAPS = 'video/x-h264,stream-format=byte-stream,alignment=au'
latency_ms = os.environ.get('RELAY_LATENCY_MS')
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
    record.set_launch('( rtph264depay name=depay0 ! h264parse ! ' + CAPS + ' ! appsink name=sink sync=false emit-signals=true )')
    record.connect('media-configure', on_record, path)
    if latency_ms is not None:
        record.set_latency(int(latency_ms))
    mounts.add_factory('/' + path, record)
    play = GstRtspServer.RTSPMediaFactory()
    play.set_shared(True)
    play.set_launch('( appsrc name=src is-live=true do-timestamp=true format=time caps=' + CAPS
                    + ' ! h264parse ! rtph264pay name=pay0 pt=96 )')
    play.connect('media-configure', on_play, path)
    if latency_ms is not None:
        play.set_latency(int(latency_ms))
    mounts.add_factory('/' + path + '/play', play)
def on_command(channel, condition):
    # "kick" on stdin drops every client connection at once: a server-side disconnect for reconnect tests.
    line = sys.stdin.readline()
    if not line:
        return False
    if line.strip() == 'kick':
        server.client_filter(lambda srv, client, *args: GstRtspServer.RTSPFilterResult.REMOVE)
        print('kicked', flush=True)
    return True

GLib.io_add_watch(GLib.IOChannel.unix_new(sys.stdin.fileno()), GLib.IOCondition.IN | GLib.IOCondition.HUP, on_command)
if server.attach(None) == 0:
    sys.exit('cannot listen on 127.0.0.1:' + port)
print('ready', flush=True)
GLib.MainLoop().run()
