// The phrases Decap CMS's own Vietnamese locale (decap-cms-locales, copied
// beside this file as decap-vi.js) lacks: without them Decap falls back to
// English inside Vietnamese sentences ("Add thẻ"). khuyenhoc-cms.js merges
// them into its locale; tests/test_cms_admin.py checks that every English
// phrase of the pinned Decap has a Vietnamese one.
export default {
  auth: {
    loginWithAzure: "Đăng nhập bằng Azure",
    loginWithForgejo: "Đăng nhập bằng Forgejo",
  },
  collection: {
    collectionTop: {
      viewAsList: "Xem dạng danh sách",
      viewAsGrid: "Xem dạng lưới",
      groupBy: "Nhóm theo",
    },
    entries: {
      unpublishedHeader: "Bài chưa công bố",
    },
    groups: {
      other: "Khác",
      negateLabel: "Không phải %{label}",
    },
  },
  editor: {
    editorControl: {
      field: {
        widgetLabel: "Trường %{widgetLabel}",
      },
    },
    editorControlPane: {
      i18n: {
        writingInLocale: "Đang viết bằng %{locale}",
        copyFromLocale: "Điền từ ngôn ngữ khác",
        copyFromLocaleConfirm:
          "Bạn có muốn điền nội dung từ ngôn ngữ %{locale}?\nMọi nội dung đang có sẽ bị thay.",
      },
    },
    editorInterface: {
      toggleI18n: "Bật/tắt đa ngôn ngữ",
      togglePreview: "Bật/tắt xem trước",
      toggleScrollSync: "Cuộn cùng lúc",
      toggleNotes: "Bật/tắt ghi chú",
    },
    editorNotesPane: {
      title: "Ghi chú",
      emptyState: "Chưa có ghi chú. Thêm ghi chú đầu tiên ở dưới để cùng trao đổi.",
      addNote: "Thêm ghi chú",
      addPlaceholder: "Thêm ghi chú...",
      editPlaceholder: "Sửa ghi chú...",
      save: "Lưu",
      cancel: "Huỷ",
      edit: "Sửa",
      delete: "Xoá",
      resolve: "Đã xong",
      unresolve: "Mở lại",
      confirmDelete: "Bạn có chắc muốn xoá ghi chú này?",
      shortcut: "Mẹo: bấm Ctrl+Enter để thêm ghi chú nhanh",
    },
    editorToolbar: {
      statusInfoTooltipDraft:
        "Bài đang là bản nháp. Muốn gửi duyệt, đặt trạng thái thành “Đang duyệt”",
      statusInfoTooltipInReview:
        "Bài đang được duyệt, không cần làm gì thêm. Bạn vẫn có thể sửa tiếp trong lúc chờ.",
    },
    editorWidgets: {
      markdown: {
        bold: "Đậm",
        italic: "Nghiêng",
        strikethrough: "Gạch ngang",
        code: "Mã",
        link: "Liên kết",
        linkPrompt: "Nhập địa chỉ của liên kết",
        headings: "Tiêu đề mục",
        quote: "Trích dẫn",
        bulletedList: "Danh sách gạch đầu dòng",
        numberedList: "Danh sách đánh số",
        addComponent: "Thêm thành phần",
        toggleMode: {
          rich: "Chuyển sang soạn thảo trực quan",
          markdown: "Chuyển sang Markdown",
        },
      },
      image: {
        chooseMultiple: "Chọn ảnh",
        chooseUrl: "Chèn từ địa chỉ",
        replaceUrl: "Thay bằng địa chỉ",
        promptUrl: "Nhập địa chỉ của ảnh",
        addMore: "Thêm ảnh",
        removeAll: "Xoá mọi ảnh",
      },
      file: {
        chooseUrl: "Chèn từ địa chỉ",
        chooseMultiple: "Chọn tệp",
        replaceUrl: "Thay bằng địa chỉ",
        promptUrl: "Nhập địa chỉ của tệp",
        addMore: "Thêm tệp",
        removeAll: "Xoá mọi tệp",
      },
      datetime: {
        setToNow: "Đặt %{fieldLabel} là bây giờ",
      },
      list: {
        add: "Thêm %{item}",
        addType: "Thêm %{item}",
      },
      object: {
        expand: "Mở ra",
        collapse: "Thu gọn",
      },
    },
  },
  mediaLibrary: {
    mediaLibraryCard: {
      copy: "Chép",
      copyUrl: "Chép địa chỉ",
      copyPath: "Chép đường dẫn",
      copyName: "Chép tên",
      copied: "Đã chép",
    },
    mediaLibraryModal: {
      close: "Đóng",
    },
  },
  ui: {
    settingsDropdown: {
      account: "Tài khoản",
    },
    toast: {
      noteAdded: "Đã thêm ghi chú",
      onFailToAddNote: "Không thêm được ghi chú: %{details}",
      noteUpdated: "Đã sửa ghi chú",
      onFailToUpdateNote: "Không sửa được ghi chú: %{details}",
      noteDeleted: "Đã xoá ghi chú",
      onFailToDeleteNote: "Không xoá được ghi chú: %{details}",
      noteResolved: "Đã đánh dấu ghi chú xong",
      noteReopened: "Đã mở lại ghi chú",
      onFailToToggleNote: "Không đổi được trạng thái ghi chú: %{details}",
    },
  },
};
