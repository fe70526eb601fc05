// A muted <video> for a MediaStream (sound plays through the call's own audio elements).
import { useEffect, useRef } from 'preact/hooks';

export function Video({ stream }: { stream: MediaStream }) {
  const element = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    if (element.current && element.current.srcObject !== stream) element.current.srcObject = stream;
  }, [stream]);
  return <video ref={element} class="call-video" autoplay playsInline muted />;
}
