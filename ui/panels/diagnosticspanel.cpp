#include "diagnosticspanel.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QEvent>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>
#include <QStackedWidget>
#include <QStyledItemDelegate>
#include <QTextLayout>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Coroscope {

namespace {

constexpr int DetailRole = Qt::UserRole + 1;
constexpr int IndexRole = Qt::UserRole + 2;

QString seconds(qint64 ns)
{
    return QLocale().toString(double(ns) / 1e9, 'f', ns < 10'000'000'000 ? 2 : 1);
}

QPixmap paintSeverity(Diagnostic::Severity severity, int size)
{
    QPixmap pixmap(size, size);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    const QRectF box(size * 0.06, size * 0.06, size * 0.88, size * 0.88);
    QColor fill;
    QColor ink = Qt::white;
    QString glyph;
    switch (severity) {
    case Diagnostic::Severity::Info:
        fill = QColor(0x00, 0x72, 0xb2);
        glyph = u"i"_s;
        break;
    case Diagnostic::Severity::Warning:
        fill = QColor(0xe6, 0x9f, 0x00);
        ink = QColor(0x20, 0x20, 0x20);
        glyph = u"!"_s;
        break;
    case Diagnostic::Severity::Problem:
        fill = QColor(0xd5, 0x5e, 0x00);
        glyph = u"!"_s;
        break;
    }
    p.setPen(Qt::NoPen);
    p.setBrush(fill);
    QRectF textBox = box;
    if (severity == Diagnostic::Severity::Warning) {
        // A triangle, so that warning and problem differ in shape, not only in colour.
        QPainterPath triangle;
        triangle.moveTo(box.center().x(), box.top());
        triangle.lineTo(box.right(), box.bottom() - size * 0.04);
        triangle.lineTo(box.left(), box.bottom() - size * 0.04);
        triangle.closeSubpath();
        p.drawPath(triangle);
        textBox = box.adjusted(0, size * 0.2, 0, 0);
    } else {
        p.drawEllipse(box);
    }
    QFont font = QApplication::font();
    font.setBold(true);
    font.setPixelSize(int(size * (severity == Diagnostic::Severity::Warning ? 0.55 : 0.66)));
    p.setFont(font);
    p.setPen(ink);
    p.drawText(textBox, Qt::AlignCenter, glyph);
    return pixmap;
}

// A finding: its icon, its sentence wrapped to the width, and a grey line naming the tasks and
// time span it points at, so that the list reads like a short report.
class DiagnosticDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    static constexpr int Padding = 6;
    static constexpr int IconSize = 16;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override
    {
        QStyleOptionViewItem opt = option;
        initStyleOption(&opt, index);
        const QWidget *widget = option.widget;
        QStyle *style = widget ? widget->style() : QApplication::style();
        // Background and selection as the style draws them, without the default text.
        opt.text.clear();
        opt.icon = QIcon();
        opt.features &= ~(QStyleOptionViewItem::HasDisplay | QStyleOptionViewItem::HasDecoration);
        style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);
        // Hairline between findings: the list reads as separate statements.
        painter->save();
        painter->setPen(option.palette.color(QPalette::Midlight));
        painter->drawLine(option.rect.bottomLeft(), option.rect.bottomRight());
        painter->restore();

        const QRect r = option.rect.adjusted(Padding, Padding, -Padding, -Padding);
        const QIcon icon = index.data(Qt::DecorationRole).value<QIcon>();
        icon.paint(painter, QRect(r.left(), r.top() + 1, IconSize, IconSize));

        const bool selected = option.state & QStyle::State_Selected;
        const QPalette::ColorGroup group
            = option.state & QStyle::State_Active ? QPalette::Active : QPalette::Inactive;
        const QRect textRect = r.adjusted(IconSize + Padding, 0, 0, 0);
        painter->save();
        painter->setFont(option.font);
        painter->setPen(
            option.palette.color(group, selected ? QPalette::HighlightedText : QPalette::Text));
        const QString text = index.data(Qt::DisplayRole).toString();
        const QRect main = painter->boundingRect(textRect, Qt::TextWordWrap | Qt::AlignLeft, text);
        painter->drawText(textRect, Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop, text);
        const QString detail = index.data(DetailRole).toString();
        if (!detail.isEmpty()) {
            QColor grey = option.palette.color(
                group, selected ? QPalette::HighlightedText : QPalette::PlaceholderText);
            painter->setPen(grey);
            painter->setFont(detailFont(option.font));
            painter->drawText(textRect.adjusted(0, main.height() + 2, 0, 0),
                              Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop, detail);
        }
        painter->restore();
    }

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        // Wrap to the viewport: QListView passes no useful width of its own.
        int width = option.rect.width();
        if (const auto *view = qobject_cast<const QAbstractItemView *>(option.widget))
            width = view->viewport()->width();
        width = std::max(120, width);
        const int textWidth = width - 3 * Padding - IconSize;
        const QFontMetrics fm(option.font);
        int height = fm.boundingRect(QRect(0, 0, textWidth, 100000), Qt::TextWordWrap,
                                     index.data(Qt::DisplayRole).toString())
                         .height();
        const QString detail = index.data(DetailRole).toString();
        if (!detail.isEmpty()) {
            const QFontMetrics dfm(detailFont(option.font));
            height += 2
                + dfm.boundingRect(QRect(0, 0, textWidth, 100000), Qt::TextWordWrap, detail)
                      .height();
        }
        return {width, std::max(height, IconSize + 2) + 2 * Padding};
    }

    static QFont detailFont(const QFont &base)
    {
        QFont font = base;
        if (font.pointSizeF() > 0)
            font.setPointSizeF(font.pointSizeF() * 0.9);
        return font;
    }
};

bool sameFindings(const QList<Diagnostic> &a, const QList<Diagnostic> &b)
{
    if (a.size() != b.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i) {
        const Diagnostic &x = a.at(i);
        const Diagnostic &y = b.at(i);
        if (x.kind != y.kind || x.severity != y.severity || x.text != y.text || x.tasks != y.tasks
            || x.startNs != y.startNs || x.endNs != y.endNs)
            return false;
    }
    return true;
}

} // namespace

DiagnosticsPanel::DiagnosticsPanel(QWidget *parent)
    : QWidget(parent)
    , m_stack(new QStackedWidget(this))
    , m_empty(new QLabel(this))
    , m_list(new QListWidget(this))
{
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setForegroundRole(QPalette::PlaceholderText);
    m_empty->setMargin(12);

    m_list->setItemDelegate(new DiagnosticDelegate(m_list));
    m_list->setWordWrap(true);
    m_list->setResizeMode(QListView::Adjust); // re-wraps the sentences on resize
    m_list->setUniformItemSizes(false);
    m_list->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);

    m_stack->addWidget(m_empty);
    m_stack->addWidget(m_list);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);

    connect(m_list, &QListWidget::itemClicked, this, &DiagnosticsPanel::onItemActivated);
    connect(m_list, &QListWidget::itemActivated, this, &DiagnosticsPanel::onItemActivated);

    rebuild();
}

DiagnosticsPanel::~DiagnosticsPanel() = default;

void DiagnosticsPanel::setTrace(const Trace &trace)
{
    setDiagnostics(diagnose(trace), !trace.tasks.isEmpty());
}

void DiagnosticsPanel::setDiagnostics(const QList<Diagnostic> &findings, bool hasTasks)
{
    m_hasTasks = hasTasks;
    // A live run re-diagnoses often: leave the list (and the user's place in it) alone when
    // nothing changed.
    if (sameFindings(findings, m_diagnostics) && m_list->count() == findings.size()) {
        m_empty->setText(emptyText());
        return;
    }
    m_diagnostics = findings;
    rebuild();
}

void DiagnosticsPanel::clear()
{
    setTrace(Trace{});
}

int DiagnosticsPanel::rowOf(Diagnostic::Kind kind) const
{
    for (int row = 0; row < int(m_diagnostics.size()); ++row) {
        if (m_diagnostics.at(row).kind == kind)
            return row;
    }
    return -1;
}

void DiagnosticsPanel::activate(int row)
{
    if (row < 0 || row >= int(m_diagnostics.size()))
        return;
    m_list->setCurrentRow(row);
    const Diagnostic &d = m_diagnostics.at(row);
    Q_EMIT diagnosticActivated(d.tasks, d.startNs, d.endNs, d.text);
}

void DiagnosticsPanel::onItemActivated(QListWidgetItem *item)
{
    const int row = item->data(IndexRole).toInt();
    if (row == m_lastActivatedRow && m_lastActivation.isValid()
        && m_lastActivation.elapsed() < QApplication::doubleClickInterval())
        return;
    m_lastActivatedRow = row;
    m_lastActivation.start();
    activate(row);
}

QIcon DiagnosticsPanel::severityIcon(Diagnostic::Severity severity)
{
    QIcon icon;
    for (int size : {16, 32, 48})
        icon.addPixmap(paintSeverity(severity, size));
    return icon;
}

QString DiagnosticsPanel::emptyText() const
{
    if (!m_hasTasks)
        return tr("Run a workload to see what limited it.");
    return tr("Nothing to report yet.");
}

void DiagnosticsPanel::rebuild()
{
    const int current = m_list->currentRow();
    m_list->clear();
    m_lastActivatedRow = -1;
    const QIcon icons[]
        = {severityIcon(Diagnostic::Severity::Info), severityIcon(Diagnostic::Severity::Warning),
           severityIcon(Diagnostic::Severity::Problem)};
    for (int row = 0; row < int(m_diagnostics.size()); ++row) {
        const Diagnostic &d = m_diagnostics.at(row);
        QStringList detail;
        if (!d.tasks.isEmpty())
            detail << describeTasks(d.tasks);
        if (d.startNs >= 0 && d.endNs >= d.startNs)
            detail << tr("%1–%2 s").arg(seconds(d.startNs), seconds(d.endNs));
        auto *item = new QListWidgetItem(icons[int(d.severity)], d.text, m_list);
        item->setData(DetailRole, detail.join(u" · "_s));
        item->setData(IndexRole, row);
        QString tip = d.text.toHtmlEscaped();
        if (!detail.isEmpty())
            tip += u"<br><i>"_s + detail.join(u" · "_s).toHtmlEscaped() + u"</i><br>"_s
                + tr("Click to show it on the timeline.");
        item->setToolTip(tip);
    }
    if (current >= 0 && current < m_list->count())
        m_list->setCurrentRow(current);
    m_empty->setText(emptyText());
    m_stack->setCurrentWidget(m_diagnostics.isEmpty() ? static_cast<QWidget *>(m_empty)
                                                      : static_cast<QWidget *>(m_list));
}

void DiagnosticsPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        m_empty->setText(emptyText());
    QWidget::changeEvent(event);
}

} // namespace Coroscope
