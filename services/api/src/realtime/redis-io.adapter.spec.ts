import { decode, encode } from 'notepack.io';
import { EchoSkippingParser } from './redis-io.adapter';

describe(EchoSkippingParser.name, () => {
  const packet = { type: 2, data: ['message.created', { conversationId: 'c1' }], nsp: '/' };
  const options = { rooms: ['tenant:t1'], except: [], flags: {} };

  it('should encode exactly as MessagePack so that other API instances read its broadcasts', () => {
    const parser = new EchoSkippingParser();
    parser.publisher('abc123');

    const wire = parser.encode(['abc123', packet, options]);

    expect(wire.equals(encode(['abc123', packet, options]) as Buffer)).toBe(true);
    expect(decode(wire)).toEqual(['abc123', packet, options]);
  });

  it('should return only the uid when it reads a broadcast of its own publisher', () => {
    const parser = new EchoSkippingParser();
    parser.publisher('abc123');

    expect(parser.decode(parser.encode(['abc123', packet, options]))).toEqual(['abc123']);
  });

  it('should decode in full a broadcast of another instance whose uid shares a prefix', () => {
    const parser = new EchoSkippingParser();
    parser.publisher('abc123');

    expect(parser.decode(encode(['abc1234', packet, options]) as Buffer)).toEqual(['abc1234', packet, options]);
    expect(parser.decode(encode(['abc124', packet, options]) as Buffer)).toEqual(['abc124', packet, options]);
  });

  it('should decode requests between instances, which are not broadcasts, in full', () => {
    const parser = new EchoSkippingParser();
    parser.publisher('abc123');
    const request = { uid: 'abc123', requestId: 'r1', type: 0 };

    expect(parser.decode(encode(request) as Buffer)).toEqual(request);
  });

  it('should decode everything in full before it knows its publisher', () => {
    const parser = new EchoSkippingParser();

    expect(parser.decode(encode(['abc123', packet, options]) as Buffer)).toEqual(['abc123', packet, options]);
  });
});
