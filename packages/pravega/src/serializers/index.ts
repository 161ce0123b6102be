export {
  BytesSerializer,
  JsonSerializer,
  MsgpackSerializer,
  type Serializer,
  Utf8StringSerializer,
} from './Serializer.ts';
