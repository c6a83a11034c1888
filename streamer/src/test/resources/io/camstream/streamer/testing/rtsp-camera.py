# An IP camera for tests: serves rtsp://127.0.0.1:PORT/cam with an H.264 video track (no B-frames, a keyframe a
# second) and a G.711 audio track, like most cameras. Prints "SETUP <uri>" for every stream a client sets up, so a
# test can see which tracks a reader asked for. Run with Debian's /usr/bin/python3 (it has gi).
import sys
import gi
gi.require_version('Gst', '1.0')
gi.require_version('GstRtspServer', '1.0')
gi.require_version('GstRtsp', '1.0')
from gi.repository import Gst, GstRtsp, GstRtspServer, GLib

Gst.init(None)
port = sys.argv[1]

def on_setup(client, context):
    print('SETUP ' + context.uri.abspath, flush=True)
    return GstRtsp.RTSPStatusCode.OK

def on_client(server, client):
    client.connect('pre-setup-request', on_setup)

server = GstRtspServer.RTSPServer()
server.set_address('127.0.0.1')
server.set_service(port)
server.connect('client-connected', on_client)
factory = GstRtspServer.RTSPMediaFactory()
factory.set_shared(True)
factory.set_launch(
    '( videotestsrc is-live=true ! video/x-raw,width=320,height=240,framerate=25/1 '
    '! x264enc tune=zerolatency speed-preset=ultrafast key-int-max=25 bframes=0 ! h264parse config-interval=-1 '
    '! rtph264pay name=pay0 pt=96 '
    'audiotestsrc is-live=true ! audio/x-raw,rate=8000,channels=1 ! mulawenc ! rtppcmupay name=pay1 pt=0 )')
server.get_mount_points().add_factory('/cam', factory)
server.attach(None)
print('ready', flush=True)
GLib.MainLoop().run()
