import Synchronization

extension ItemView {
    /// What a view holds, in one object: the item it was made of, or the parts of a record it
    /// was made over (``RecordViews``), and the bytes its buffers point into.
    ///
    /// A view over a record keeps the record's bytes, its text when the text had escapes, and
    /// its lowercased text in ``bytes``, copies of the reader's: the reader fills a storage
    /// again for a later record only while no view of it is left (`isKnownUniquelyReferenced`).
    /// So a view an LF keeps (in a closure, another task, a table) stays valid and unchanged:
    /// its storage is left to it and the reader takes a new one. Copying a record is a
    /// `memcpy` into memory already there; borrowing the reader's buffers instead would save
    /// little and leave a kept view pointing at bytes read over.
    ///
    /// `@unchecked Sendable`: the `var`s are written only while the storage is uniquely
    /// referenced (before any view of it is handed out); the lazily made parts are behind a lock.
    final class Storage: @unchecked Sendable {
        /// The item a view was made of; `nil` for a view over a record (made on use, see
        /// ``recordItem(text:)``).
        let item: Item?
        /// The record's bytes, text and lowercased text, as the view's buffers locate them.
        private(set) var bytes: UnsafeMutablePointer<UInt8>
        private(set) var capacity = 0
        /// A record view's id, gold label and record length (its record is `bytes[0..<recordCount]`).
        private(set) var id = ""
        private(set) var gold: String?
        private(set) var recordCount = 0
        /// What views make on first use.
        let lazyParts = Mutex(LazyParts())

        struct LazyParts {
            /// A record view's item.
            var item: Item?
            var lowercasedText: String?
            var tokens: [Substring]?
            var fields: [String: String]?

            var isEmpty: Bool { item == nil && lowercasedText == nil && tokens == nil && fields == nil }
        }

        init(item: Item?) {
            self.item = item
            bytes = UnsafeMutablePointer.allocate(capacity: 0)
        }

        deinit { bytes.deallocate() }

        /// The lowercased UTF-8 of `text` (which must not point into ``bytes``), written at
        /// ``bytes``` `offset`; the bytes before it are kept.
        func lowercase(_ text: UnsafeBufferPointer<UInt8>, at offset: Int) -> UnsafeBufferPointer<UInt8> {
            // Room for non-ASCII text whatever the text: telling ASCII apart first would read it
            // once more, and the memory is reused from item to item.
            reserve(offset + ItemView.lowercasedCapacity(ofNonASCII: text))
            if let count = ItemView.lowercase(text, into: bytes + offset, capacity: capacity - offset) {
                return UnsafeBufferPointer(start: bytes + offset, count: count)
            }
            let lowered = ItemView.lowercaseScalars(text)
            reserve(offset + lowered.count)
            lowered.withUnsafeBufferPointer { (bytes + offset).update(from: $0.baseAddress!, count: $0.count) }
            return UnsafeBufferPointer(start: bytes + offset, count: lowered.count)
        }

        /// Makes room for `count` bytes, keeping the `capacity` there are.
        private func reserve(_ count: Int) {
            guard count > capacity else { return }
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: max(count, capacity * 2))
            grown.update(from: bytes, count: capacity)
            bytes.deallocate()
            bytes = grown
            capacity = max(count, capacity * 2)
        }

        /// Fills a record view's storage (uniquely referenced) with the record `record`, its
        /// id and gold label, and its text: `record[textRange]`, or `unescapedText` when
        /// `textRange` is `nil`.
        /// - Returns: the view of it.
        func viewOfRecord(_ record: UnsafeBufferPointer<UInt8>, id: String, gold: String?, textRange: Range<Int>?,
                          unescapedText: UnsafeBufferPointer<UInt8>) -> ItemView {
            lazyParts.withLock { parts in
                if !parts.isEmpty { parts = LazyParts() }
            }
            self.id = id
            self.gold = gold
            recordCount = record.count
            let textCount = textRange?.count ?? unescapedText.count
            reserve(record.count + (textRange == nil ? textCount : 0))
            bytes.update(from: record.baseAddress!, count: record.count)
            let textStart: Int
            if let textRange {
                textStart = textRange.lowerBound
            } else {
                textStart = record.count
                if textCount > 0 { (bytes + textStart).update(from: unescapedText.baseAddress!, count: textCount) }
            }
            let textEnd = textStart + textCount
            // Lowercased from the record read, not the copy: growing `bytes` must not move what is read.
            let source = textRange.map { UnsafeBufferPointer(rebasing: record[$0]) } ?? unescapedText
            let lowercased = lowercase(source, at: max(record.count, textEnd))
            let text = UnsafeBufferPointer(start: bytes + textStart, count: textCount)
            let wordCount = ItemView.countWords(in: text) { String(decoding: text, as: UTF8.self) }
            return ItemView(storage: self, text: text, lowercased: lowercased, wordCount: wordCount)
        }

        /// A record view's item, made on first use: what the reader makes of the record.
        func recordItem(text: UnsafeBufferPointer<UInt8>) -> Item {
            lazyParts.withLock { parts in
                if let item = parts.item { return item }
                let made = Item(id: id, text: String(decoding: text, as: UTF8.self), gold: gold,
                                jsonRecord: Array(UnsafeBufferPointer(start: bytes, count: recordCount)))
                parts.item = made
                return made
            }
        }
    }
}

/// Views over the records of a block of lines, made one after another on one thread; each
/// storage is filled again only when no view of it is left (see ``ItemView/Storage``), so in a
/// run whose LFs keep no view, views cost no allocation.
///
/// `@unchecked Sendable`: one thread uses it at a time (a reader hands one to each worker).
final class RecordViews: @unchecked Sendable {
    private var storages: [ItemView.Storage] = []

    /// The view of a record (see ``ItemView/Storage/viewOfRecord(_:id:gold:textRange:unescapedText:)``),
    /// the block's `index`-th: it reuses the storage of the block before's `index`-th view.
    func view(_ index: Int, record: UnsafeBufferPointer<UInt8>, id: String, gold: String?, textRange: Range<Int>?,
              unescapedText: UnsafeBufferPointer<UInt8>) -> ItemView {
        if index == storages.count {
            storages.append(ItemView.Storage(item: nil))
        } else if !isKnownUniquelyReferenced(&storages[index]) {
            storages[index] = ItemView.Storage(item: nil)
        }
        return storages[index].viewOfRecord(record, id: id, gold: gold, textRange: textRange, unescapedText: unescapedText)
    }
}
