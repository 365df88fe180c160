// Prometheus remote-write 1.0 receiving: headers, snappy + protobuf decoding, label and timestamp validation.
// Typical use in the route (POST /api/v1/write):
//   checkRemoteWriteHeaders(req.headers);                       // 415
//   const decoded = decodeWriteRequest(body);                   // 400, 413; all or nothing
//   const window = timeWindow();
//   for (const s of decoded.series) {
//     const r = resolveLabels(s, cache);                        // cache: one LabelCache per process;
//                                                               // same object per distinct label bytes, so
//                                                               // key series ids by it (WeakMap) or by r.key
//     if (isLabelError(r)) { problems.push(r.error); continue; }
//     for (let i = s.start; i < s.start + s.count; i++) {
//       const ts = decoded.timestamps[i]!;
//       if (!timestampOk(ts, window)) { problems.push(sampleTimeError(ts, window, r)!); continue; }
//       store(r, ts, decoded.values[i]!, decoded.stale[i] === 1);
//     }
//   }
//   then 204, or 400 listing the first few problems (the valid series stay stored).
export * from "./decode";
export * from "./errors";
export * from "./headers";
export * from "./labels";
export * from "./samples";
export * from "./snappy";
